import { LargerTextToggle } from '../app/LargerTextToggle';
import { useFocusOnMount } from '../app/use-focus-on-mount';
import { AttractLoop } from '../branding/AttractLoop';
import { EventBrand } from '../branding/EventBrand';
import { useT } from '../i18n/use-t';
import { kioskStore, useKiosk } from '../store/use-kiosk';

export function AttractScreen() {
  const { t, pick } = useT();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const forms = useKiosk((state) => (state.boot.status === 'ready' ? state.boot.forms : null));
  const branding = useKiosk((state) =>
    state.boot.status === 'ready' ? (state.boot.branding ?? null) : null,
  );
  const attract = branding?.attract ?? [];
  const { startForm, openStaffPin } = kioskStore.getState();
  return (
    <main className={branding === null ? 'screen attract-screen' : 'screen attract-screen branded'}>
      <div className={attract.length > 0 ? 'attract-body with-loop' : 'attract-body'}>
        <div className="attract-content">
          <EventBrand branding={branding} />
          <h1 ref={headingRef} tabIndex={-1}>
            {t('attract.welcome')}
          </h1>
          {forms && forms.length > 0 ? (
            <>
              <p className="lead">{t('attract.prompt')}</p>
              <ul className="attract-forms">
                {forms.map(({ definition }) => (
                  <li key={definition.formId}>
                    <button
                      type="button"
                      className="button primary huge"
                      onClick={() => startForm(definition.formId)}
                    >
                      {pick(definition.title)}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p className="lead">{t('attract.noForms')}</p>
          )}
        </div>
        <AttractLoop images={attract} />
      </div>
      <LargerTextToggle className="button quiet attract-larger-text" />
      <button type="button" className="button quiet staff-button" onClick={openStaffPin}>
        {t('attract.staff')}
      </button>
    </main>
  );
}
