// Entry or exit: two large toggle buttons, the pressed one filled.
import { useId } from 'react';
import type { Direction } from '../../../shared/tickets/scan-event';
import { useT } from '../i18n/use-t';
import { kioskStore, useKiosk } from '../store/use-kiosk';

const DIRECTIONS = ['entry', 'exit'] as const satisfies readonly Direction[];

export function DirectionSwitch() {
  const { t } = useT();
  const labelId = useId();
  const direction = useKiosk((state) => state.door.direction);
  return (
    <div className="direction-switch" role="group" aria-labelledby={labelId}>
      <h2 id={labelId}>{t('door.direction')}</h2>
      <div className="direction-buttons">
        {DIRECTIONS.map((choice) => (
          <button
            key={choice}
            type="button"
            className={`button huge direction-${choice}`}
            aria-pressed={direction === choice}
            onClick={() => kioskStore.getState().setDirection(choice)}
          >
            {t(`door.direction.${choice}`)}
          </button>
        ))}
      </div>
    </div>
  );
}
