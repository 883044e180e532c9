// The kiosks page's USB section, for venues with no network: a kiosk's .qbundle uploaded as it is
// (raw bytes, streamed to the server, which imports it as `quiosco import` does) and the result
// shown: counts, the records refused, or the refusal in words. Each kiosk's .qkiosk is a link in
// its row (UsbSetupLink). Kiosk names and record ids sit in <bdi> (said).
import { useId, useRef, useState, type FormEvent } from 'react';
import { CSRF_HEADER } from '../../../shared/console/console-api';
import {
  kioskSetupUrl,
  USB_IMPORT_URL,
  UsbImportRefusalSchema,
  UsbImportResponseSchema,
  type UsbImport as UsbImportResult,
} from '../../../shared/console/usb-api';
import { ErrorBodySchema } from '../../../shared/sync/protocol';
import { csrfToken } from '../api';
import { useUsbText, type UsbMessages } from '../i18n-usb';
import { said } from '../said';
import '../usb.css';

type Outcome =
  { kind: 'busy' } | { kind: 'done'; result: UsbImportResult } | { kind: 'refused'; text: string };

async function uploadBundle(file: File, u: UsbMessages): Promise<Outcome> {
  let response: Response;
  try {
    response = await fetch(USB_IMPORT_URL, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { [CSRF_HEADER]: csrfToken(), 'content-type': 'application/octet-stream' },
      body: file,
    });
  } catch (e) {
    return { kind: 'refused', text: `${u.importRefused} ${e instanceof Error ? e.message : String(e)}` };
  }
  const json: unknown = await response.json().catch(() => undefined);
  if (response.ok) return { kind: 'done', result: UsbImportResponseSchema.parse(json) };
  // A bundle refused whole is said by its code in the console's language; anything else as the server said it.
  const refusal = UsbImportRefusalSchema.safeParse(json);
  if (refusal.success) {
    return { kind: 'refused', text: `${u.importRefused} ${u.bundleErrors[refusal.data.error.code]}` };
  }
  const error = ErrorBodySchema.safeParse(json);
  return {
    kind: 'refused',
    text: `${u.importRefused} ${error.success ? error.data.error.message : response.statusText}`,
  };
}

export function UsbImport({ onImported }: { onImported(): void }) {
  const u = useUsbText();
  const id = useId();
  const file = useRef<HTMLInputElement>(null);
  const [outcome, setOutcome] = useState<Outcome>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const chosen = file.current?.files?.[0];
    if (chosen === undefined) return;
    setOutcome({ kind: 'busy' });
    const done = await uploadBundle(chosen, u);
    setOutcome(done);
    if (done.kind === 'done') {
      if (file.current !== null) file.current.value = '';
      onImported();
    }
  };

  return (
    <section className="card usb" aria-labelledby={`${id}-title`} data-testid="usb-section">
      <h3 id={`${id}-title`}>{u.usbTitle}</h3>
      <p id={`${id}-help`}>{u.usbHelp}</p>
      <form onSubmit={(e) => void submit(e)}>
        <label>
          {u.bundleFile}
          <input
            ref={file}
            type="file"
            accept=".qbundle"
            required
            aria-describedby={`${id}-help`}
            onChange={() => setOutcome(undefined)}
          />
        </label>
        <div className="actions">
          <button type="submit" disabled={outcome?.kind === 'busy'}>
            {u.importBundle}
          </button>
        </div>
      </form>
      {outcome?.kind === 'busy' && <p role="status">{u.importing}</p>}
      {outcome?.kind === 'done' && <ImportResult result={outcome.result} u={u} />}
      {outcome?.kind === 'refused' && (
        <p role="alert" className="wrap">
          {outcome.text}
        </p>
      )}
      <p>{u.setupHelp}</p>
    </section>
  );
}

function ImportResult({ result, u }: { result: UsbImportResult; u: UsbMessages }) {
  const refused = result.rejected;
  return (
    <div role="status" className="wrap" data-testid="usb-result">
      <p>{said(u.imported, result.deviceName)}</p>
      <ul>
        <li>{u.newRecords(String(result.newChanges))}</li>
        <li>{u.throughSeq(String(result.ackedThroughSeq))}</li>
        <li>{u.photosStored(String(result.photosStored))}</li>
        <li>{u.photosThere(String(result.photosAlreadyThere))}</li>
      </ul>
      {refused.length > 0 && (
        <>
          <p>{u.refusedTitle(String(refused.length))}</p>
          <ul data-testid="usb-refused">
            {refused.map((r) => (
              <li key={r.seq}>{said(u.refusedRecord, String(r.seq), r.id, r.message)}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** A kiosk's .qkiosk (set-up and receipt), downloaded by the browser from the server's route. */
export function UsbSetupLink({ kiosk }: { kiosk: { id: string; name: string } }) {
  const u = useUsbText();
  return (
    <a
      className="button secondary"
      href={kioskSetupUrl(kiosk.id)}
      download
      aria-label={u.downloadSetupOf(kiosk.name)}
    >
      {u.downloadSetup}
    </a>
  );
}
