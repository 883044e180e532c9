// Tickets admitted twice (found once the doors' scans meet by sync): which scan stands, which is the
// duplicate, where and when each was, so staff can look for the second person.
import { useId } from 'react';
import type { DoorDoubleEntry } from '../../../shared/ipc/contract';
import { Filled } from '../i18n/Filled';
import { useT } from '../i18n/use-t';
import { scanVars, ticketText } from './door-text';

type Props = { entries: DoorDoubleEntry[]; count: number };

export function DoubleEntriesPanel({ entries, count }: Props) {
  const translator = useT();
  const { t, tc } = translator;
  const titleId = useId();
  return (
    <section className="panel double-entries" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('door.doubles.title')}</h2>
      <p className={count > 0 ? 'attention danger' : 'hint'}>
        {count > 0 ? tc('door.doubles.count', count) : t('door.doubles.none')}
      </p>
      {entries.length > 0 ? (
        <ol className="double-list" aria-labelledby={titleId}>
          {entries.map((entry) => (
            <li key={entry.duplicate.id} className="double-entry">
              <p className="double-ticket">
                <strong>{ticketText(entry.ticket, translator)}</strong>
                <span>{entry.holder ?? t('door.doubles.noHolder')}</span>
              </p>
              <p className="hint">{t(`door.doubles.${entry.kind}`)}</p>
              <p>
                <Filled message={t('door.doubles.winner')} vars={scanVars(entry.winner, translator)} />
              </p>
              <p>
                <Filled message={t('door.doubles.duplicate')} vars={scanVars(entry.duplicate, translator)} />
              </p>
            </li>
          ))}
        </ol>
      ) : null}
      {entries.length < count ? (
        <p className="hint">{t('door.doubles.newest', { shown: entries.length })}</p>
      ) : null}
    </section>
  );
}
