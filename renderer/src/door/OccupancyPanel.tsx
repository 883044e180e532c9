// "Ocupación: Salón norte", "Dentro: 1,234 de 1,500" with a meter that turns amber, and says so, from 90 % of the capacity.
import { useId } from 'react';
import type { DoorStatus } from '../../../shared/ipc/contract';
import { useT } from '../i18n/use-t';
import { occupancyView } from './door-text';

export function OccupancyPanel({ occupancy }: { occupancy: DoorStatus['occupancy'] }) {
  const translator = useT();
  const { t, locale } = translator;
  const titleId = useId();
  const view = occupancyView(occupancy, translator);
  const number = new Intl.NumberFormat(locale);
  return (
    <section className="panel occupancy" aria-labelledby={titleId}>
      <h2 id={titleId} data-testid="occupancy-title">
        {occupancy.venue === null
          ? t('door.occupancy.title')
          : t('door.occupancy.titleAtVenue', { venue: occupancy.venue.name })}
      </h2>
      <p className="occupancy-text" data-testid="occupancy">
        {view.text}
      </p>
      {view.fill === null || occupancy.capacity === null ? null : (
        <div
          className={view.warning === null ? 'meter' : 'meter is-nearly-full'}
          role="meter"
          aria-labelledby={titleId}
          aria-valuemin={0}
          aria-valuemax={occupancy.capacity}
          aria-valuenow={Math.min(occupancy.inside, occupancy.capacity)}
          aria-valuetext={view.text}
        >
          <svg className="meter-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
            <rect width={view.fill * 100} height="10" />
          </svg>
        </div>
      )}
      {view.warning === null ? null : <p className="attention">{view.warning}</p>}
      <p className="hint">
        {t('door.occupancy.counts', {
          entries: number.format(occupancy.entries),
          exits: number.format(occupancy.exits),
        })}
      </p>
    </section>
  );
}
