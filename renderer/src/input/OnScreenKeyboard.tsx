import { useState } from 'react';
import { useT } from '../i18n/use-t';
import { SPANISH_LAYOUT, withShift, type KeyboardLayout, type LayoutKey } from './keyboard-layout';
import type { Edit } from './text-editing';
import { keepFocus } from './use-caret-editing';

type Props = { onEdit(edit: Edit): void; layout?: KeyboardLayout };

export function OnScreenKeyboard({ onEdit, layout = SPANISH_LAYOUT }: Props) {
  const { t } = useT();
  const [shift, setShift] = useState(false);

  const key = (layoutKey: LayoutKey, index: number) => {
    switch (layoutKey.kind) {
      case 'shift':
        return (
          <button
            key={index}
            type="button"
            className="key key-wide"
            aria-pressed={shift}
            onMouseDown={keepFocus}
            onClick={() => setShift(!shift)}
          >
            {t('keyboard.shift')}
          </button>
        );
      case 'backspace':
        return (
          <button
            key={index}
            type="button"
            className="key key-wide"
            onMouseDown={keepFocus}
            onClick={() => onEdit({ kind: 'backspace' })}
          >
            {t('keyboard.backspace')}
          </button>
        );
      case 'space':
        return (
          <button
            key={index}
            type="button"
            className="key key-space"
            onMouseDown={keepFocus}
            onClick={() => onEdit({ kind: 'insert', text: ' ' })}
          >
            {t('keyboard.space')}
          </button>
        );
      case 'char': {
        const char = withShift(layoutKey.char, shift);
        return (
          <button
            key={index}
            type="button"
            className="key"
            onMouseDown={keepFocus}
            onClick={() => onEdit({ kind: 'insert', text: char })}
          >
            {char}
          </button>
        );
      }
    }
  };

  return (
    <div className="keyboard" role="group" aria-label={t('keyboard.label')}>
      {layout.map((row, rowIndex) => (
        <div key={rowIndex} className="keyboard-row">
          {row.map(key)}
        </div>
      ))}
    </div>
  );
}
