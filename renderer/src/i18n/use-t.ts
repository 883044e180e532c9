import { useMemo } from 'react';
import { selectLanguage } from '../store/selectors';
import { useKiosk } from '../store/use-kiosk';
import { translator, type Translator } from './i18n';

/** Messages in the language the kiosk is speaking right now. */
export function useT(): Translator {
  const language = useKiosk(selectLanguage);
  return useMemo(() => translator(language), [language]);
}
