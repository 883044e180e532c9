import { useState } from 'react';
import { errorText } from '../app/error-text';
import { useFocusOnMount } from '../app/use-focus-on-mount';
import { useT } from '../i18n/use-t';
import { kioskStore } from '../store/use-kiosk';
import { PinPad } from './PinPad';

export function StaffPinScreen() {
  const translator = useT();
  const { t } = translator;
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const { unlockStaff, resetKiosk } = kioskStore.getState();

  const submit = async (pin: string) => {
    setBusy(true);
    setMessage('');
    const error = await unlockStaff(pin);
    setBusy(false);
    if (error) setMessage(errorText(error, translator));
  };

  return (
    <main className="screen centered-screen pin-screen">
      <h1 ref={headingRef} tabIndex={-1}>
        {t('pin.title')}
      </h1>
      <PinPad
        label={t('pin.label')}
        submitLabel={t('pin.enter')}
        message={message}
        busy={busy}
        onSubmit={(pin) => void submit(pin)}
        onCancel={() => void resetKiosk()}
      />
    </main>
  );
}
