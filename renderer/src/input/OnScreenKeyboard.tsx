import { useState } from 'react';
import { useT } from '../i18n/use-t';
import { SPANISH_LAYOUT, withShift, type KeyboardLayout, type LayoutKey } from './keyboard-layout';
import type { Edit } from './text-editing';
import { Key } from './Key';

type Props = { onEdit(edit: Edit): void; layout?: KeyboardLayout };

export function OnScreenKeyboard({ onEdit, layout = SPANISH_LAYOUT }: Props) {
  const { t } = useT();
  const [shift, setShift] = useState(false);

  const key = (layoutKey: LayoutKey, index: number) => {
    switch (layoutKey.kind) {
      case 'shift':
        return (
          <Key key={index} variant="key-wide" pressed={shift} onPress={() => setShift(!shift)}>
            {t('keyboard.shift')}
          </Key>
        );
      case 'backspace':
        return (
          <Key key={index} variant="key-wide" onPress={() => onEdit({ kind: 'backspace' })}>
            {t('keyboard.backspace')}
          </Key>
        );
      case 'space':
        return (
          <Key key={index} variant="key-space" onPress={() => onEdit({ kind: 'insert', text: ' ' })}>
            {t('keyboard.space')}
          </Key>
        );
      case 'char': {
        const char = withShift(layoutKey.char, shift);
        return (
          <Key key={index} onPress={() => onEdit({ kind: 'insert', text: char })}>
            {char}
          </Key>
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
