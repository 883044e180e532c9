// One row per kiosk of the event: name, id, mode, last contact, backlog, refused records, versions.
// Managers also enrol a kiosk (QR code on screen), revoke one (after a confirmation), import a
// kiosk's USB bundle and download a kiosk's USB set-up file.
import { useCallback, type ReactNode } from 'react';
import { KiosksResponseSchema, type Kiosk } from '../../../shared/console/console-api';
import { KioskRevokeResponseSchema } from '../../../shared/console/setup-api';
import { VenueListResponseSchema } from '../../../shared/console/venues-api';
import { api } from '../api';
import { ConfirmDialog } from '../ConfirmDialog';
import { ListTable, RowAction } from '../ListTable';
import { PageTitle, useAnnouncement } from '../PageTitle';
import type { Messages } from '../i18n';
import { useSetupText } from '../i18n-setup';
import { said } from '../said';
import { useConsole } from '../store';
import { useConfirmation } from '../use-confirmation';
import { usePoll } from '../use-poll';
import { EnrolKiosk } from './EnrolKiosk';
import { KioskVenue } from './KioskVenue';
import { UsbImport, UsbSetupLink } from './UsbImport';
import '../setup.css';

export function Kiosks() {
  const { t, eventId, locale, user } = useConsole();
  const s = useSetupText();
  const manages = user?.role === 'admin' || user?.role === 'coordinator';
  const revoking = useConfirmation<Kiosk>();
  const toRevoke = revoking.asking;
  const { heading, headingOf, notice, announce } = useAnnouncement();
  const read = useCallback(
    async (signal: AbortSignal) =>
      (await api(KiosksResponseSchema, `/kiosks?eventId=${encodeURIComponent(eventId ?? '')}`, { signal }))
        .kiosks,
    [eventId],
  );
  const { data, error, refresh } = usePoll(eventId === undefined ? undefined : read, 10_000, eventId);
  const readVenues = useCallback(
    async (signal: AbortSignal) =>
      api(VenueListResponseSchema, `/setup/events/${encodeURIComponent(eventId ?? '')}/venues`, { signal }),
    [eventId],
  );
  // Managers put door kiosks at a venue; the venues endpoint is theirs.
  const venues = usePoll(manages && eventId !== undefined ? readVenues : undefined, 30_000, eventId);
  const revoke = (kiosk: Kiosk) =>
    revoking.act(async () => {
      await api(KioskRevokeResponseSchema, `/kiosks/${encodeURIComponent(kiosk.id)}/revoke`, {
        method: 'POST',
      });
      announce(said(s.revokedNotice, kiosk.name));
      refresh();
    });
  const action = (k: Kiosk): ReactNode =>
    k.revokedAt === null && (
      <>
        {k.mode === 'door' && venues.data !== undefined && (
          <KioskVenue
            kiosk={k}
            venueId={venues.data.doors.find((d) => d.deviceId === k.id)?.venueId ?? null}
            venues={venues.data.venues}
            onSaved={(text) => {
              announce(text);
              venues.refresh();
            }}
          />
        )}
        {/* A door's set-up carries its tickets and holders: the server gives it to admins only. */}
        {(k.mode !== 'door' || user?.role === 'admin') && <UsbSetupLink kiosk={k} />}
        <RowAction label={s.revoke} name={s.revokeKiosk(k.name)} onClick={() => revoking.ask(k)} />
      </>
    );
  return (
    <section aria-labelledby="kiosks-title">
      <PageTitle id="kiosks-title" title={t.navKiosks} heading={heading} notice={notice} />
      {error !== undefined && <p role="alert">{`${t.errorPrefix} ${error}`}</p>}
      {data === undefined ? (
        <p>{eventId === undefined ? t.noEvents : t.loading}</p>
      ) : (
        <KioskTable kiosks={data} t={t} locale={locale} {...(manages && { action, actionHead: s.manage })} />
      )}
      {manages && eventId !== undefined && <EnrolKiosk eventId={eventId} />}
      {manages && <UsbImport onImported={refresh} />}
      {toRevoke !== undefined && (
        <ConfirmDialog
          title={said(s.revokeTitle, toRevoke.name)}
          confirmLabel={s.revokeConfirm}
          cancelLabel={s.cancel}
          error={revoking.failure}
          onConfirm={() => void revoke(toRevoke)}
          onClose={revoking.close}
          fallback={headingOf}
        >
          {s.revokeBody}
        </ConfirmDialog>
      )}
    </section>
  );
}

export function KioskTable({
  kiosks,
  t,
  locale,
  stale,
  action,
  actionHead,
}: {
  kiosks: Kiosk[];
  t: Messages;
  locale: string;
  stale?: (kiosk: Kiosk) => boolean;
  /** A last column of per-kiosk controls, headed `actionHead`. */
  action?: (kiosk: Kiosk) => ReactNode;
  actionHead?: string;
}) {
  if (kiosks.length === 0) return <p>{t.noKiosks}</p>;
  const time = (iso: string | null) => (iso === null ? t.never : new Date(iso).toLocaleString(locale));
  return (
    <ListTable
      columns={[
        t.kioskName,
        t.kioskId,
        t.mode,
        t.lastContact,
        t.waiting,
        t.refused,
        t.appVersion,
        t.protocol,
        ...(action === undefined ? [] : [actionHead ?? '']),
      ]}
    >
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
            {action !== undefined && <td>{action(k)}</td>}
          </tr>
        );
      })}
    </ListTable>
  );
}
