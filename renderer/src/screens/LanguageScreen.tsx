import { useFocusOnMount } from '../app/use-focus-on-mount';
import { translator } from '../i18n/i18n';
import { useT } from '../i18n/use-t';
import { kioskStore, useKiosk } from '../store/use-kiosk';

export function LanguageScreen() {
  const { t, language } = useT();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const languages = useKiosk((state) => state.session?.languages);
  const { chooseLanguage, resetKiosk } = kioskStore.getState();
  if (!languages) return null;
  const others = languages.filter((other) => other !== language).map(translator);
  return (
    <main className="screen language-screen">
      <div className="centered">
        <h1 ref={headingRef} tabIndex={-1}>
          {t('language.title')}
        </h1>
        {/* The same question in the other languages, for visitors who do not read this one. */}
        {others.map((other) => (
          <p key={other.language} lang={other.locale} className="lead">
            {other.t('language.title')}
          </p>
        ))}
        <div className="language-choices">
          {languages.map((choice) => {
            const own = translator(choice);
            return (
              <button
                key={choice}
                type="button"
                lang={own.locale}
                className="button primary huge"
                onClick={() => chooseLanguage(choice)}
              >
                {own.t('language.name')}
              </button>
            );
          })}
        </div>
        <button type="button" className="button secondary" onClick={() => void resetKiosk()}>
          {t('nav.back')}
        </button>
      </div>
    </main>
  );
}
