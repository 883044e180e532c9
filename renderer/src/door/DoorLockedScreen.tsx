// A door kiosk's screen while locked: which gate this is, and the way in for staff.
import { useFocusOnMount } from '../app/use-focus-on-mount';
import { useT } from '../i18n/use-t';
import { selectSettings } from '../store/selectors';
import { kioskStore, useKiosk } from '../store/use-kiosk';

export function DoorLockedScreen() {
  const { t } = useT();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const gate = useKiosk((state) => selectSettings(state)?.gate ?? '');
  return (
    <main className="screen centered-screen door-locked-screen">
      <h1 ref={headingRef} tabIndex={-1}>
        {t('doorLocked.heading', { gate })}
      </h1>
      <p className="lead">{t('doorLocked.help')}</p>
      <button type="button" className="button primary huge" onClick={kioskStore.getState().openStaffPin}>
        {t('doorLocked.unlock')}
      </button>
    </main>
  );
}
