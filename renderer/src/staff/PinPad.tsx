// A masked PIN field with a 0-9 pad; the physical keyboard types in it too.
import { useId, useState, type FormEvent } from 'react';
import { useT } from '../i18n/use-t';
import { NumericKeypad } from '../input/NumericKeypad';
import { isCompletePin, isPinDraft, PIN_MAX_LENGTH } from '../input/text-editing';
import { useCaretEditing } from '../input/use-caret-editing';

type Props = {
  label: string;
  submitLabel: string;
  /** Why the last PIN was refused, or ''. */
  message: string;
  busy: boolean;
  /** Fewer digits are refused with `tooShortMessage` (a new PIN needs more than one to unlock). */
  minLength?: number;
  tooShortMessage?: string;
  /** Focus the field on arrival (the second step of a PIN change); screens focus their heading. */
  autoFocus?: boolean;
  onSubmit(pin: string): void;
  onCancel(): void;
};

export function PinPad({
  label,
  submitLabel,
  message,
  busy,
  minLength,
  tooShortMessage,
  autoFocus,
  onSubmit,
  onCancel,
}: Props) {
  const { t } = useT();
  const id = useId();
  const messageId = useId();
  const [pin, setPin] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const change = (next: string) => {
    setPin(next);
    setTooShort(false);
  };
  const { setField, edit } = useCaretEditing(pin, change, isPinDraft);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!isCompletePin(pin, minLength)) {
      setTooShort(true);
      return;
    }
    onSubmit(pin);
    setPin('');
  };

  const shown = tooShort ? (tooShortMessage ?? t('pin.tooShort')) : message;
  return (
    <form className="pin-pad" onSubmit={submit} noValidate>
      <label htmlFor={id} className="pin-label">
        {label}
      </label>
      <input
        ref={setField}
        id={id}
        className="text-input pin-input"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={PIN_MAX_LENGTH}
        autoFocus={autoFocus}
        value={pin}
        onChange={(event) => {
          if (isPinDraft(event.target.value)) change(event.target.value);
        }}
        aria-describedby={messageId}
        aria-invalid={shown !== '' || undefined}
      />
      <p id={messageId} className="issue" aria-live="assertive">
        {shown}
      </p>
      <NumericKeypad decimal={false} onEdit={edit} />
      <div className="nav-buttons">
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('pin.cancel')}
        </button>
        <button type="submit" className="button primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
