// Screens with no visitor in them: starting up, start-up failed, kiosk mode ended.
import type { CallError } from '../../../shared/ipc/result';
import { errorText } from '../app/error-text';
import { useFocusOnMount } from '../app/use-focus-on-mount';
import { useT } from '../i18n/use-t';
import { kioskStore } from '../store/use-kiosk';

export function LoadingScreen() {
  const { t } = useT();
  return (
    <main className="screen centered-screen" aria-busy="true">
      <p className="lead">{t('loading')}</p>
    </main>
  );
}

export function BootErrorScreen({ error }: { error: CallError }) {
  const translator = useT();
  const { t } = translator;
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  return (
    <main className="screen centered-screen">
      <h1 ref={headingRef} tabIndex={-1}>
        {t('boot.failed')}
      </h1>
      <p className="lead">{errorText(error, translator)}</p>
      <p>{t('boot.help')}</p>
      <button
        type="button"
        className="button primary"
        onClick={() => void kioskStore.getState().loadBootstrap()}
      >
        {t('boot.retry')}
      </button>
    </main>
  );
}

export function EndedScreen() {
  const { t } = useT();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  return (
    <main className="screen centered-screen">
      <h1 ref={headingRef} tabIndex={-1}>
        {t('ended.title')}
      </h1>
      <p className="lead">{t('ended.body')}</p>
    </main>
  );
}
