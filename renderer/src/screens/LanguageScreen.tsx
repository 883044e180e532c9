// The visitor picks one of the form's languages, each named in itself (Hñähñu, Náhuatl, English).
import { useFocusOnMount } from '../app/use-focus-on-mount';
import { hasCatalog, languageName, translator } from '../i18n/i18n';
import { useT } from '../i18n/use-t';
import { sessionForm } from '../store/session-slice';
import { kioskStore, useKiosk } from '../store/use-kiosk';

export function LanguageScreen() {
  const { t, locale } = useT();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const languages = useKiosk((state) => state.session?.languages);
  const names = useKiosk((state) => sessionForm(state)?.definition.languageNames);
  const { chooseLanguage, resetKiosk } = kioskStore.getState();
  if (!languages) return null;
  // The same question in the kiosk's other languages, for visitors who do not read this one.
  const others = languages
    .filter(hasCatalog)
    .map(translator)
    .filter((other) => other.locale !== locale);
  return (
    <main className="screen language-screen">
      <div className="centered">
        <h1 ref={headingRef} tabIndex={-1}>
          {t('language.title')}
        </h1>
        {others.map((other) => (
          <p key={other.language} lang={other.locale} className="lead">
            {other.t('language.title')}
          </p>
        ))}
        <div className="language-choices">
          {languages.map((choice) => (
            <button
              key={choice}
              type="button"
              lang={hasCatalog(choice) ? translator(choice).locale : choice}
              className="button primary huge"
              onClick={() => chooseLanguage(choice)}
            >
              {languageName(choice, names)}
            </button>
          ))}
        </div>
        <button type="button" className="button secondary" onClick={() => void resetKiosk()}>
          {t('nav.back')}
        </button>
      </div>
    </main>
  );
}
