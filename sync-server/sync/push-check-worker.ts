// The worker thread behind push-check-pool.ts: { ready } once loaded, then { id, changes, forms }
// in, { id, checked } or { id, error } out. It keeps its own compiled copy of each form version it was given (a version
// never changes once attached), and checks a batch only against the forms its request lists.
import { parentPort } from 'node:worker_threads';
import { compileForm, type CompiledForm } from '../../shared/forms/engine';
import type { FormDefinition } from '../../shared/forms/form-definition';
import { checkChange, formKey, type Change, type CheckedChange } from './push-checks';

/** A form version a batch may be checked against; its definition only the first time it is sent. */
export type GivenForm = { key: string; definition: FormDefinition | undefined };
export type CheckRequest = { id: number; changes: readonly Change[]; forms: GivenForm[] };
type CheckReply = { id: number; checked: CheckedChange[] } | { id: number; error: string };
export type WorkerMessage = CheckReply | { ready: true };

const compiled = new Map<string, CompiledForm>();

function formsOf(given: GivenForm[]): Map<string, CompiledForm> {
  const forms = new Map<string, CompiledForm>();
  for (const { key, definition } of given) {
    let form = compiled.get(key);
    if (form === undefined) {
      if (definition === undefined) throw new Error(`form ${JSON.stringify(key)} was never sent`);
      form = compileForm(definition);
      compiled.set(key, form);
    }
    forms.set(key, form);
  }
  return forms;
}

/**
 * A payload that parses to itself (the same keys in the same order, the same values, the answers
 * the very object sent) is not sent back: the main thread has it, and cloning a thousand payloads
 * back would cost that thread more than the checks did.
 */
function withoutPayloadAsSent(checked: CheckedChange, change: Change): CheckedChange {
  if (checked.kind !== 'submission' || checked.payload === undefined) return checked;
  return parsedAsSent(checked.payload, change.payload) ? { ...checked, payload: undefined } : checked;
}

function parsedAsSent(parsed: object, sent: unknown): boolean {
  if (sent === null || typeof sent !== 'object') return false;
  const keys = Object.keys(parsed);
  const sentKeys = Object.keys(sent);
  const value = (from: object, key: string): unknown => (from as Record<string, unknown>)[key];
  return (
    keys.length === sentKeys.length &&
    keys.every((key, i) => key === sentKeys[i] && sameValue(value(parsed, key), value(sent, key)))
  );
}

/** The same value, or lists of the same values (a revision's parents, read in lower case). */
const sameValue = (a: unknown, b: unknown): boolean =>
  a === b || (Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => v === b[i]));

const port = parentPort;
port?.on('message', ({ id, changes, forms }: CheckRequest) => {
  let reply: CheckReply;
  try {
    const given = formsOf(forms);
    const formOf = (eventId: string, formId: string, version: string) =>
      given.get(formKey(eventId, formId, version));
    reply = { id, checked: changes.map((c) => withoutPayloadAsSent(checkChange(c, formOf), c)) };
  } catch (e) {
    reply = { id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  port.postMessage(reply satisfies WorkerMessage);
});
port?.postMessage({ ready: true } satisfies WorkerMessage);
