// A door kiosk's screen while locked: which gate this is, and the way in for staff. A USB scanner
// still types here; its scans are not judged, and the screen says so instead of staying silent.
import { useState } from 'react';
import { useFocusOnMount } from '../app/use-focus-on-mount';
import { Filled } from '../i18n/Filled';
import { useT } from '../i18n/use-t';
import { selectSettings } from '../store/selectors';
import { kioskStore, useKiosk } from '../store/use-kiosk';
import { useKeyboardWedge } from './use-keyboard-wedge';

export function DoorLockedScreen() {
  const { t } = useT();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const gate = useKiosk((state) => selectSettings(state)?.gate ?? '');
  const [ignoredScans, setIgnoredScans] = useState(0);
  useKeyboardWedge(() => setIgnoredScans((count) => count + 1));
  return (
    <main className="screen centered-screen door-locked-screen">
      <h1 ref={headingRef} tabIndex={-1}>
        <Filled message={t('doorLocked.heading')} vars={{ gate }} />
      </h1>
      <p className="lead">{t('doorLocked.help')}</p>
      {/* Keyed by the count: each ignored scan is announced again, not only the first. */}
      <p className="door-locked-scan" role="alert" key={ignoredScans}>
        {ignoredScans > 0 ? t('doorLocked.scanIgnored') : null}
      </p>
      <button type="button" className="button primary huge" onClick={kioskStore.getState().openStaffPin}>
        {t('doorLocked.unlock')}
      </button>
    </main>
  );
}
