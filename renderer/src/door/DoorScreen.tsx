// The door's check-in screen, for staff after the PIN: direction, camera and USB scanner, the
// verdict over the whole screen, and what staff need to know meanwhile (occupancy, sync, what the
// door can check, double entries). Staff stand idle here between scans: no idle reset.
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorText } from '../app/error-text';
import { useFocusOnMount } from '../app/use-focus-on-mount';
import { Filled } from '../i18n/Filled';
import { useT } from '../i18n/use-t';
import type { DoorOutcome } from '../store/door-slice';
import { selectSettings } from '../store/selectors';
import { kioskStore, useKiosk } from '../store/use-kiosk';
import { CameraScanner } from './CameraScanner';
import { DirectionSwitch } from './DirectionSwitch';
import { DoorDataPanel } from './DoorDataPanel';
import { doorBeeper } from './door-sound';
import { DoubleEntriesPanel } from './DoubleEntriesPanel';
import { OccupancyPanel } from './OccupancyPanel';
import { RepeatGuard, type ScanSource } from './repeat-guard';
import { useKeyboardWedge } from './use-keyboard-wedge';
import { outcomeTone } from './verdict-look';
import { VerdictOverlay } from './VerdictOverlay';

/** Occupancy and double entries change with other doors' scans too. */
export const DOOR_STATUS_POLL_MS = 2_000;

export function DoorScreen() {
  const translator = useT();
  const { t } = translator;
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const settings = useKiosk(selectSettings);
  const door = useKiosk((state) => state.door);
  const { openStaffScreen, lockStaff } = kioskStore.getState();
  const scan = useGuardedScan();
  useKeyboardWedge((text) => scan(text, 'keyboard'));
  useStatusPolling();
  useOutcomeSound(door.outcome);

  const gate = door.status?.gate ?? settings?.gate ?? '';
  // The name staff know the event by; its id until the kiosk has pulled the name.
  const event = door.status?.eventName ?? door.status?.eventId ?? settings?.eventId ?? '';
  const { status, statusError } = door;
  return (
    <main className="screen door-screen">
      <header className="door-header">
        <div>
          <h1 ref={headingRef} tabIndex={-1}>
            {gate}
          </h1>
          <p className="door-event">
            <Filled message={t('door.event')} vars={{ event }} />
          </p>
        </div>
        <div className="row-buttons">
          <button type="button" className="button secondary" onClick={openStaffScreen}>
            {t('door.settings')}
          </button>
          <button type="button" className="button secondary" onClick={() => void lockStaff()}>
            {t('staff.lock')}
          </button>
        </div>
      </header>
      {statusError ? (
        <p className="attention danger door-status-error" role="status">
          {t('door.statusFailed', { error: errorText(statusError, translator) })}
        </p>
      ) : null}
      <div className="door-columns">
        <div className="door-column">
          <DirectionSwitch />
          <p className="usb-ready">{t('door.usbReady')}</p>
          <CameraScanner onText={(text) => scan(text, 'camera')} />
        </div>
        {/* Scrolls on its own when the door's lists outgrow the screen; focusable so keys scroll it too. */}
        <section className="door-column door-status" aria-label={t('door.statusColumn')} tabIndex={0}>
          {status ? (
            <>
              <OccupancyPanel occupancy={status.occupancy} />
              <DoubleEntriesPanel entries={status.doubleEntries} count={status.doubleEntryCount} />
              <DoorDataPanel status={status} />
            </>
          ) : (
            <p>{t('loading')}</p>
          )}
        </section>
      </div>
      {door.outcome ? <VerdictOverlay key={door.outcome.id} outcome={door.outcome} /> : null}
    </main>
  );
}

/** Camera and USB scanner go through one guard: a code shown twice is judged once. */
function useGuardedScan(): (text: string, source: ScanSource) => void {
  const [guard] = useState(() => new RepeatGuard(() => performance.now()));
  return useCallback(
    (text: string, source: ScanSource) => {
      const { door, scan } = kioskStore.getState();
      const { direction } = door;
      if (!guard.admit(text, direction, source)) return;
      void scan(text).finally(() => guard.settled(text, direction));
    },
    [guard],
  );
}

function useStatusPolling(): void {
  useEffect(() => {
    let polling = false;
    const poll = () => {
      // A slow answer is not asked for again until it arrives.
      if (polling) return;
      polling = true;
      void kioskStore
        .getState()
        .loadDoorStatus()
        .finally(() => (polling = false));
    };
    poll();
    const timer = setInterval(poll, DOOR_STATUS_POLL_MS);
    return () => clearInterval(timer);
  }, []);
}

function useOutcomeSound(outcome: DoorOutcome | null): void {
  const played = useRef(0);
  useEffect(() => {
    if (outcome === null || outcome.id <= played.current) return;
    played.current = outcome.id;
    doorBeeper.play(outcomeTone(outcome));
  }, [outcome]);
}
