import { useT } from '../i18n/use-t';
import type { Edit } from './text-editing';
import { Key } from './Key';

type Props = {
  /** Offers the decimal point key. */
  decimal: boolean;
  onEdit(edit: Edit): void;
};

const DIGIT_ROWS = ['123', '456', '789'];

export function NumericKeypad({ decimal, onEdit }: Props) {
  const { t } = useT();
  const digit = (char: string) => (
    <Key key={char} onPress={() => onEdit({ kind: 'insert', text: char })}>
      {char}
    </Key>
  );
  return (
    <div className="keypad" role="group" aria-label={t('keypad.label')}>
      {DIGIT_ROWS.flatMap((row) => [...row].map(digit))}
      {decimal ? digit('.') : <span className="keypad-gap" />}
      {digit('0')}
      <Key variant="key-text" onPress={() => onEdit({ kind: 'backspace' })}>
        {t('keypad.backspace')}
      </Key>
    </div>
  );
}
