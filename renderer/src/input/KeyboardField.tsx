// A text field with the on-screen keyboard under it; the physical keyboard works in it too.
import { useId, useState } from 'react';
import { useT } from '../i18n/use-t';
import type { KeyboardLayout } from './keyboard-layout';
import { OnScreenKeyboard } from './OnScreenKeyboard';
import './keyboard-dock.css';
import { characterCount, type Capitals } from './text-rules';
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
  /** See text-rules.ts; 'all' also turns what the physical keyboard types into capitals. */
  capitals?: Capitals;
  /** Shows a character counter against this limit. */
  maxLength?: number | null;
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
  capitals = 'none',
  maxLength = null,
}: Props) {
  const { t } = useT();
  const counterId = useId();
  const upperId = useId();
  const [ownOpen, setOwnOpen] = useState(keyboard === 'always');
  const open = keyboardOpen ?? ownOpen;
  const setOpen = onKeyboardOpen ?? setOwnOpen;
  const change = (next: string) => onChange(capitals === 'all' ? next.toLocaleUpperCase('es') : next);
  const { setField, edit } = useCaretEditing(value, change, acceptAll);
  const notes = [capitals === 'all' ? upperId : null, maxLength === null ? null : counterId];
  const described = [describedBy, ...notes].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    value,
    onChange: (event: { target: { value: string } }) => change(event.target.value),
    onFocus: () => setOpen(true),
    onClick: () => setOpen(true),
    'aria-labelledby': labelledBy,
    'aria-describedby': described,
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
      {capitals === 'all' ? (
        <p id={upperId} className="hint">
          {t('keyboard.upperOnly')}
        </p>
      ) : null}
      {maxLength === null ? null : (
        <p id={counterId} className="char-counter" data-over={characterCount(value) > maxLength || undefined}>
          {t('keyboard.counter', { count: characterCount(value), max: maxLength })}
        </p>
      )}
      {open ? (
        // Docked at the bottom of the scrolling page, so the field and a list's matches stay above it.
        <div className="keyboard-dock">
          <OnScreenKeyboard onEdit={edit} layout={layout} capitals={capitals} empty={value === ''} />
          {keyboard === 'on-focus' ? (
            <button type="button" className="button secondary small" onClick={() => setOpen(false)}>
              {t('keyboard.hide')}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
