import { useEffect, useState } from 'react';
import { errorText } from '../app/error-text';
import { useFocusOnMount } from '../app/use-focus-on-mount';
import { useT } from '../i18n/use-t';
import { kioskStore } from '../store/use-kiosk';
import { PinPad } from './PinPad';

export function StaffPinScreen() {
  const translator = useT();
  const { t, tc } = translator;
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  /** While the core's PIN lockout runs: when it ends (ms) and the seconds still shown. */
  const [lockedUntil, setLockedUntil] = useState(0);
  const [secondsLeft, setSecondsLeft] = useState(0);
  const { unlockStaff, resetKiosk } = kioskStore.getState();

  // Count the lockout down on screen; Entrar stays disabled until it is over.
  useEffect(() => {
    if (lockedUntil === 0) return;
    const tick = () => {
      const left = Math.ceil((lockedUntil - Date.now()) / 1000);
      setSecondsLeft(Math.max(0, left));
      if (left <= 0) {
        setLockedUntil(0);
        setMessage('');
      }
    };
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [lockedUntil]);

  const submit = async (pin: string) => {
    setBusy(true);
    setMessage('');
    const error = await unlockStaff(pin);
    setBusy(false);
    if (!error) return;
    const retryAfter = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (error.code === 'pin_locked' && typeof retryAfter === 'number' && retryAfter > 0)
      setLockedUntil(Date.now() + retryAfter * 1000);
    else setMessage(errorText(error, translator));
  };

  return (
    <main className="screen centered-screen pin-screen">
      <h1 ref={headingRef} tabIndex={-1}>
        {t('pin.title')}
      </h1>
      <PinPad
        label={t('pin.label')}
        submitLabel={t('pin.enter')}
        message={lockedUntil !== 0 && secondsLeft > 0 ? tc('pin.locked', secondsLeft) : message}
        busy={busy || lockedUntil !== 0}
        onSubmit={(pin) => void submit(pin)}
        onCancel={() => void resetKiosk()}
      />
    </main>
  );
}
