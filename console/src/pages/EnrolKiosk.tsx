// Enrolling a kiosk from the console: a one-time code shown as a QR code for the kiosk's camera,
// with the server address it carries and when it expires (then it is taken off the screen).
import { useEffect, useState, type FormEvent } from 'react';
import { EnrolQrResponseSchema, type EnrolQr } from '../../../shared/console/setup-api';
import { api } from '../api';
import { useSetupText } from '../i18n-setup';
import { useConsole } from '../store';

const VALIDITY_MINUTES = [15, 60, 480, 1440] as const;

export function EnrolKiosk({ eventId }: { eventId: string }) {
  const { t, locale } = useConsole();
  const s = useSetupText();
  const [server, setServer] = useState(`${window.location.origin}/`);
  const [minutes, setMinutes] = useState<number>(VALIDITY_MINUTES[0]);
  const [qr, setQr] = useState<EnrolQr>();
  const [expired, setExpired] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (qr === undefined) return;
    // The server's clock says when: the wait is measured on it, not on this computer's clock.
    const timer = setTimeout(() => setExpired(true), Date.parse(qr.expiresAt) - Date.parse(qr.serverTime));
    return () => clearTimeout(timer);
  }, [qr]);
  useEffect(() => setQr(undefined), [eventId]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const body = { eventId, expiresInSeconds: minutes * 60, server };
      setQr(await api(EnrolQrResponseSchema, '/enrol-codes', { method: 'POST', body }));
      setExpired(false);
      setError(undefined);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <section className="card enrol" aria-labelledby="enrol-title">
      <h3 id="enrol-title">{s.enrolTitle}</h3>
      <form className="form-grid" onSubmit={(e) => void submit(e)}>
        <label>
          {s.serverAddress}
          <input type="url" value={server} onChange={(e) => setServer(e.target.value)} required />
        </label>
        <label>
          {s.validFor}
          <select value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
            {VALIDITY_MINUTES.map((n) => (
              <option key={n} value={n}>
                {s.minutes(n)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{s.showQr}</button>
      </form>
      {error !== undefined && <p role="alert">{`${t.errorPrefix} ${error}`}</p>}
      <div aria-live="polite">
        {qr !== undefined && expired && <p className="status">{s.expired}</p>}
        {qr !== undefined && !expired && (
          <figure className="enrol-qr">
            <img src={qr.qrImage} alt={s.qrAlt(qr.code)} data-testid="enrol-qr" />
            <figcaption>
              <p>{s.enrolHelp}</p>
              <p>
                {s.enrolCode}: <strong className="mono">{qr.code}</strong>
              </p>
              <p>{s.validUntil(new Date(qr.expiresAt).toLocaleTimeString(locale))}</p>
              <details>
                <summary>{s.noCamera}</summary>
                <p className="mono wrap">{qr.qrText}</p>
              </details>
            </figcaption>
          </figure>
        )}
      </div>
    </section>
  );
}
