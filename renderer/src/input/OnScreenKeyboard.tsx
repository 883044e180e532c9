import { useRef, useState } from 'react';
import { useT } from '../i18n/use-t';
import { SPANISH_LAYOUT, withShift, type KeyboardLayout, type LayoutKey } from './keyboard-layout';
import { afterCharacter, tapShift, type ShiftState } from './shift-state';
import type { Capitals } from './text-rules';
import type { Edit } from './text-editing';
import { Key } from './Key';

type Props = {
  onEdit(edit: Edit): void;
  layout?: KeyboardLayout;
  /** 'first': Shift comes on by itself while the field is empty; 'all': capitals throughout. */
  capitals?: Capitals;
  empty?: boolean;
};

export function OnScreenKeyboard({
  onEdit,
  layout = SPANISH_LAYOUT,
  capitals = 'none',
  empty = false,
}: Props) {
  const { t } = useT();
  const autoShift = capitals === 'first' && empty;
  const [shift, setShift] = useState<ShiftState>(capitals === 'all' ? 'locked' : autoShift ? 'once' : 'off');
  const lastShiftTap = useRef(Number.NEGATIVE_INFINITY);
  // An emptied field starts a new name: its first letter is a capital again.
  const [wasAutoShift, setWasAutoShift] = useState(autoShift);
  if (autoShift !== wasAutoShift) {
    setWasAutoShift(autoShift);
    if (autoShift && shift === 'off') setShift('once');
  }

  const key = (layoutKey: LayoutKey, index: number) => {
    switch (layoutKey.kind) {
      case 'shift':
        return (
          <Key
            key={index}
            variant="key-wide"
            pressed={shift !== 'off'}
            onPress={() => {
              const now = performance.now();
              setShift(tapShift(shift, now - lastShiftTap.current));
              lastShiftTap.current = now;
            }}
          >
            {shift === 'locked' ? t('keyboard.capsLock') : t('keyboard.shift')}
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
        const char = withShift(layoutKey.char, shift !== 'off');
        return (
          <Key
            key={index}
            onPress={() => {
              onEdit({ kind: 'insert', text: char });
              setShift(afterCharacter(shift));
            }}
          >
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
