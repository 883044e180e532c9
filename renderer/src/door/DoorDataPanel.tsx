// What the door holds: scans waiting to upload, the last sync and its error (worded as on the staff
// screen), and what it can check tickets with — or a clear "sync before scanning".
import { useId } from 'react';
import type { DoorStatus } from '../../../shared/ipc/contract';
import { useT } from '../i18n/use-t';
import { syncErrorText, syncTimeText } from '../staff/sync-text';
import { StatusList } from '../app/StatusList';

export function DoorDataPanel({ status }: { status: DoorStatus }) {
  const translator = useT();
  const { t, locale } = translator;
  const titleId = useId();
  const number = new Intl.NumberFormat(locale);
  const { sync, known } = status;
  const rows: [string, string][] = [
    [t('staff.sync.pending'), number.format(status.pendingSync)],
    [t('staff.sync.lastSuccess'), syncTimeText(sync.lastSuccessAt, translator)],
    [t('door.sync.scansHere'), number.format(status.scansHere)],
    [t('door.known.keys'), number.format(known.keys)],
    [t('door.known.tickets'), number.format(known.tickets)],
    [t('door.known.revocations'), number.format(known.revocations)],
  ];
  return (
    <section className="panel door-data" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('door.sync.title')}</h2>
      {known.keys === 0 && known.tickets === 0 ? (
        <p className="attention danger">{t('door.known.nothing')}</p>
      ) : null}
      {sync.revoked ? <p className="attention danger">{t('staff.sync.revoked')}</p> : null}
      {sync.enrolled ? null : <p className="attention">{t('staff.sync.notEnrolled')}</p>}
      {sync.lastError && sync.enrolled && !sync.revoked ? (
        <p className="attention">
          {t('staff.sync.lastError', { error: syncErrorText(sync.lastError.code, translator) })}
        </p>
      ) : null}
      <StatusList rows={rows} />
    </section>
  );
}
