// One row per kiosk of the event: name, id, mode, last contact, backlog, refused records, versions.
import { useCallback } from 'react';
import { KiosksResponseSchema, type Kiosk } from '../../../shared/console/console-api';
import { api } from '../api';
import type { Messages } from '../i18n';
import { useConsole } from '../store';
import { usePoll } from '../use-poll';

export function Kiosks() {
  const { t, eventId, locale } = useConsole();
  const read = useCallback(
    async () =>
      (await api(KiosksResponseSchema, `/kiosks?eventId=${encodeURIComponent(eventId ?? '')}`)).kiosks,
    [eventId],
  );
  const { data, error } = usePoll(eventId === undefined ? undefined : read, 10_000);
  return (
    <section aria-labelledby="kiosks-title">
      <h2 id="kiosks-title">{t.navKiosks}</h2>
      {error !== undefined && <p role="alert">{`${t.errorPrefix} ${error}`}</p>}
      {data === undefined ? (
        <p>{eventId === undefined ? t.noEvents : t.loading}</p>
      ) : (
        <KioskTable kiosks={data} t={t} locale={locale} />
      )}
    </section>
  );
}

export function KioskTable({
  kiosks,
  t,
  locale,
  stale,
}: {
  kiosks: Kiosk[];
  t: Messages;
  locale: string;
  stale?: (kiosk: Kiosk) => boolean;
}) {
  if (kiosks.length === 0) return <p>{t.noKiosks}</p>;
  const time = (iso: string | null) => (iso === null ? t.never : new Date(iso).toLocaleString(locale));
  return (
    <div className="table-scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">{t.kioskName}</th>
            <th scope="col">{t.kioskId}</th>
            <th scope="col">{t.mode}</th>
            <th scope="col">{t.lastContact}</th>
            <th scope="col">{t.waiting}</th>
            <th scope="col">{t.refused}</th>
            <th scope="col">{t.appVersion}</th>
            <th scope="col">{t.protocol}</th>
          </tr>
        </thead>
        <tbody>
          {kiosks.map((k) => {
            const late = stale?.(k) === true;
            return (
              <tr key={k.id} className={late ? 'stale' : undefined} data-testid="kiosk-row">
                <th scope="row">{k.name}</th>
                <td className="mono">{k.id}</td>
                <td>{k.mode === 'door' ? t.modeDoor : t.modeVisitor}</td>
                <td>
                  {time(k.lastSeenAt)}
                  {late && <span className="badge">{t.stale}</span>}
                  {k.revokedAt !== null && <span className="badge">{t.revoked}</span>}
                </td>
                <td>{k.backlog ?? '—'}</td>
                <td>{k.refused}</td>
                <td>{k.appVersion ?? '—'}</td>
                <td>{k.protocolVersion ?? '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
