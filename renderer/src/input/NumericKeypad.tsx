import { useT } from '../i18n/use-t';
import type { Edit } from './text-editing';
import { keepFocus } from './use-caret-editing';

type Props = {
  /** Offers the decimal point key. */
  decimal: boolean;
  onEdit(edit: Edit): void;
};

const DIGIT_ROWS = ['123', '456', '789'];

export function NumericKeypad({ decimal, onEdit }: Props) {
  const { t } = useT();
  const digit = (char: string) => (
    <button
      key={char}
      type="button"
      className="key"
      onMouseDown={keepFocus}
      onClick={() => onEdit({ kind: 'insert', text: char })}
    >
      {char}
    </button>
  );
  return (
    <div className="keypad" role="group" aria-label={t('keypad.label')}>
      {DIGIT_ROWS.flatMap((row) => [...row].map(digit))}
      {decimal ? digit('.') : <span className="keypad-gap" />}
      {digit('0')}
      <button
        type="button"
        className="key key-text"
        onMouseDown={keepFocus}
        onClick={() => onEdit({ kind: 'backspace' })}
      >
        {t('keypad.backspace')}
      </button>
    </div>
  );
}
