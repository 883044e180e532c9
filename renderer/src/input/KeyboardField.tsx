// A text field with the on-screen keyboard under it; the physical keyboard works in it too.
import { useState } from 'react';
import { useT } from '../i18n/use-t';
import type { KeyboardLayout } from './keyboard-layout';
import { OnScreenKeyboard } from './OnScreenKeyboard';
import { useCaretEditing } from './use-caret-editing';

type Props = {
  id: string;
  value: string;
  onChange(next: string): void;
  /** 'always' for a text question; 'on-focus' for a list filter, which mostly needs no typing. */
  keyboard: 'always' | 'on-focus';
  multiline?: boolean;
  type?: 'text' | 'search';
  labelledBy?: string;
  describedBy?: string;
  invalid?: boolean;
  /** The page's entry field: focused on arrival and when Siguiente is refused. */
  entry?: boolean;
  layout?: KeyboardLayout;
  /**
   * For a form of several 'on-focus' fields that shows one keyboard at a time: whether this
   * field's keyboard shows, and the field asking to open or close it.
   */
  keyboardOpen?: boolean;
  onKeyboardOpen?(open: boolean): void;
};

const acceptAll = () => true;

export function KeyboardField({
  id,
  value,
  onChange,
  keyboard,
  multiline,
  type = 'text',
  labelledBy,
  describedBy,
  invalid,
  entry,
  layout,
  keyboardOpen,
  onKeyboardOpen,
}: Props) {
  const { t } = useT();
  const [ownOpen, setOwnOpen] = useState(keyboard === 'always');
  const open = keyboardOpen ?? ownOpen;
  const setOpen = onKeyboardOpen ?? setOwnOpen;
  const { setField, edit } = useCaretEditing(value, onChange, acceptAll);
  const common = {
    id,
    value,
    onChange: (event: { target: { value: string } }) => onChange(event.target.value),
    onFocus: () => setOpen(true),
    onClick: () => setOpen(true),
    'aria-labelledby': labelledBy,
    'aria-describedby': describedBy,
    'aria-invalid': invalid || undefined,
    'data-entry': entry || undefined,
    autoComplete: 'off',
    autoCorrect: 'off',
    autoCapitalize: 'off',
    spellCheck: false,
  };
  return (
    <div className="keyboard-field">
      {multiline ? (
        <textarea ref={setField} className="text-input" rows={3} {...common} />
      ) : (
        <input ref={setField} className="text-input" type={type} {...common} />
      )}
      {open ? (
        <>
          <OnScreenKeyboard onEdit={edit} layout={layout} />
          {keyboard === 'on-focus' ? (
            <button type="button" className="button secondary small" onClick={() => setOpen(false)}>
              {t('keyboard.hide')}
            </button>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
