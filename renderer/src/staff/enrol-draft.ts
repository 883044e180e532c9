// What staff typed in the enrolment form, and the staff:enrol request it becomes. The kiosk core
// checks the code itself; here only what the form must say before anything is sent.
import { enrolUriParams } from '../../../shared/sync/enrol-code';
import type { EnrolRequest } from '../store/staff-slice';

export type EnrolDraft = { server: string; code: string };

export type EnrolProblem = 'codeMissing' | 'serverMissing' | 'serverInvalid';

export type EnrolCheck = { ok: true; request: EnrolRequest } | { ok: false; problem: EnrolProblem };

export function enrolRequest(draft: EnrolDraft): EnrolCheck {
  const code = draft.code.trim();
  if (code === '') return { ok: false, problem: 'codeMissing' };
  // Staff type the address with or without its scheme; a scheme typed twice counts once.
  const server = draft.server.trim().replace(/^(?:https?:\/\/)+(https?:\/\/)/i, '$1');
  if (server === '' || /^https?:\/\/$/i.test(server)) {
    // A scanned QR may carry the server's address itself.
    return serverInEnrolText(code)
      ? { ok: true, request: { code } }
      : { ok: false, problem: 'serverMissing' };
  }
  const serverUrl = httpAddress(server);
  return serverUrl === null
    ? { ok: false, problem: 'serverInvalid' }
    : { ok: true, request: { serverUrl, code } };
}

function serverInEnrolText(text: string): boolean {
  return (enrolUriParams(text)?.get('server') ?? '') !== '';
}

/** An http(s) address as typed, with "http://" added when staff left the scheme out. */
function httpAddress(text: string): string | null {
  const address = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  try {
    const url = new URL(address);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' ? address : null;
  } catch {
    return null;
  }
}
