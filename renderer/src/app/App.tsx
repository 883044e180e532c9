// Picks the screen, keeps <html lang> in step, and watches for the visitor walking away.
import { useEffect } from 'react';
import { DoorLockedScreen } from '../door/DoorLockedScreen';
import { DoorScreen } from '../door/DoorScreen';
import { FieldFormScreen } from '../field/FieldFormScreen';
import { FieldRecordsScreen } from '../field/FieldRecordsScreen';
import { MergeScreen } from '../field/MergeScreen';
import { FormScreen } from '../form/FormScreen';
import { IdleWarning } from '../idle/IdleWarning';
import { useIdle } from '../idle/use-idle';
import { useT } from '../i18n/use-t';
import { AttractScreen } from '../screens/AttractScreen';
import { LanguageScreen } from '../screens/LanguageScreen';
import { BootErrorScreen, EndedScreen, LoadingScreen } from '../screens/StatusScreens';
import { ThanksScreen } from '../screens/ThanksScreen';
import type { Screen } from '../store/screen-slice';
import { selectSettings } from '../store/selectors';
import { StaffPinScreen } from '../staff/StaffPinScreen';
import { StaffScreen } from '../staff/StaffScreen';
import { kioskStore, useKiosk } from '../store/use-kiosk';
import { useTapGuard } from './tap-guard';
// kiosk.css first, then what overrides it.
import '../styles/kiosk.css';
import '../styles/form.css';
import '../styles/staff.css';
import '../styles/door.css';
import '../styles/experience.css';

/**
 * Screens a person can walk away from. The thank-you screen closes by itself sooner; the door
 * screen is for staff who stand idle between scans, and locks only when they lock it.
 */
const WATCHED: ReadonlySet<Screen> = new Set([
  'language',
  'form',
  'staff-pin',
  'staff',
  'field-list',
  'field-form',
  'field-merge',
]);

/** Field records lock when staff walk away (the PIN brings them back); nothing is discarded. */
const LOCKS: ReadonlySet<Screen> = new Set(['field-list', 'field-form', 'field-merge']);

export function App() {
  const { t } = useT();
  const ready = useKiosk((state) => state.boot.status === 'ready');
  const screen = useKiosk((state) => state.screen);
  const timeoutSeconds = useKiosk((state) => selectSettings(state)?.idleTimeoutSeconds ?? 0);
  const warningSeconds = useKiosk((state) => selectSettings(state)?.idleWarningSeconds ?? 0);
  // A new screen, visitor or page is a step: one tap makes one.
  useTapGuard(
    useKiosk(
      (state) =>
        `${state.screen}:${state.session?.id ?? 0}:${state.session?.pageIndex ?? 0}:${state.session?.reviewing ?? false}`,
    ),
  );
  const idle = useIdle({
    enabled: ready && WATCHED.has(screen),
    timeoutSeconds,
    warningSeconds,
    onExpire: () => {
      const store = kioskStore.getState();
      void (LOCKS.has(store.screen) ? store.lockFieldSession() : store.resetKiosk());
    },
  });

  // Larger text lasts one visitor: off whenever the attract screen comes back.
  useEffect(() => {
    if (screen === 'attract') kioskStore.getState().setLargerText(false);
  }, [screen]);
  const largerText = useKiosk((state) => state.largerText);
  useEffect(() => {
    document.documentElement.classList.toggle('larger-text', largerText);
  }, [largerText]);

  useEffect(() => {
    document.documentElement.lang = t('meta.locale');
    document.title = t('app.title');
  }, [t]);

  return (
    <>
      <CurrentScreen />
      {idle.secondsLeft === null ? null : (
        <IdleWarning secondsLeft={idle.secondsLeft} onStay={idle.stillHere} locks={LOCKS.has(screen)} />
      )}
      {/* Announced once when the warning appears; the dialog's countdown itself stays quiet. */}
      <div className="sr-only" aria-live="assertive">
        {idle.secondsLeft === null ? '' : t(LOCKS.has(screen) ? 'idle.announceLock' : 'idle.announce')}
      </div>
    </>
  );
}

function CurrentScreen() {
  const boot = useKiosk((state) => state.boot);
  const screen = useKiosk((state) => state.screen);
  // A new key per visitor: nothing of the previous one can survive in component state.
  const sessionId = useKiosk((state) => state.session?.id ?? 0);
  const draftKey = useKiosk((state) => state.fieldSession?.key ?? 0);
  if (boot.status === 'loading') return <LoadingScreen />;
  if (boot.status === 'failed') return <BootErrorScreen error={boot.error} />;
  switch (screen) {
    case 'attract':
      return boot.settings.mode === 'door' ? <DoorLockedScreen /> : <AttractScreen />;
    case 'language':
      return <LanguageScreen key={sessionId} />;
    case 'form':
      return <FormScreen key={sessionId} />;
    case 'thanks':
      return <ThanksScreen />;
    case 'staff-pin':
      return <StaffPinScreen />;
    case 'staff':
      return <StaffScreen />;
    case 'door':
      return <DoorScreen />;
    case 'ended':
      return <EndedScreen />;
    case 'field-list':
      return <FieldRecordsScreen />;
    case 'field-form':
      return <FieldFormScreen key={draftKey} />;
    case 'field-merge':
      return <MergeScreen />;
  }
}
