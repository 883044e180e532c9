// A new staff PIN, typed twice on the PIN pad.
import { useState } from 'react';
import { errorText } from '../app/error-text';
import { useFocusOnMount } from '../app/use-focus-on-mount';
import { SAY_NOTHING, type Wording } from '../i18n/i18n';
import { useT } from '../i18n/use-t';
import { kioskStore } from '../store/use-kiosk';
import { NEW_PIN_MIN_LENGTH } from '../input/text-editing';
import { PinPad } from './PinPad';

export function ChangePin({ onDone }: { onDone(wording: Wording): void }) {
  const translator = useT();
  const { t } = translator;
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const [first, setFirst] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (pin: string) => {
    if (first === null) {
      setFirst(pin);
      setMessage('');
      return;
    }
    setFirst(null);
    if (pin !== first) {
      setMessage(t('staff.pin.mismatch'));
      return;
    }
    setBusy(true);
    const error = await kioskStore.getState().changeStaffPin(pin);
    setBusy(false);
    if (error) setMessage(errorText(error, translator));
    else onDone((tr) => tr.t('staff.pin.changed'));
  };

  return (
    <section className="centered-screen pin-screen">
      <h1 ref={headingRef} tabIndex={-1}>
        {t('staff.pin.title')}
      </h1>
      <PinPad
        key={first === null ? 'new' : 'confirm'}
        label={first === null ? t('staff.pin.new') : t('staff.pin.confirm')}
        submitLabel={first === null ? t('staff.pin.next') : t('staff.pin.save')}
        message={message}
        busy={busy}
        minLength={NEW_PIN_MIN_LENGTH}
        tooShortMessage={t('staff.pin.tooShort')}
        autoFocus={first !== null}
        onSubmit={(pin) => void submit(pin)}
        onCancel={() => onDone(SAY_NOTHING)}
      />
    </section>
  );
}
