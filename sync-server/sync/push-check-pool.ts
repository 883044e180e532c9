// Big batches' checks on a worker thread. With two pushes in flight, this thread writes one push's
// transaction while the worker reads, hashes and checks the other's records (push-checks.ts: about
// a quarter of a push's CPU). One worker: what is left here (HTTP, gunzip, JSON, the writes) is the
// bigger half, so a second worker would only wait. Small batches (an idle kiosk's empty push, a
// few records) are checked here, where they cost less than the crossing. What crosses is kept
// small: the changes as the body parser made them, and back the canonical text and hash of each,
// not the parsed payload when it is the one sent. A worker that fails (not a record's fault) fails
// no push: its batches are checked here, and the next big batch starts a new worker. Idle, it does
// not keep the process alive; close() ends it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { SubmissionPayload } from '../../shared/sync/protocol';
import { runsFromSource, startScriptWorker } from '../threads/script-worker';
import { FormCache } from './form-cache';
import type { CheckRequest, GivenForm, WorkerMessage } from './push-check-worker';
import { checkChanges, formKey, type Change, type CheckedChange, type FormOf } from './push-checks';

const SCRIPT = new URL(
  runsFromSource(import.meta.url) ? './push-check-worker.ts' : './push-check-worker.js',
  import.meta.url,
);

/** Below this many changes a batch is checked on this thread (measured: docs/sync-protocol.md). */
export const WORKER_FROM = 100;

export type PushCheckOptions = {
  /** Batches of at least this many changes go to the worker (default WORKER_FROM; Infinity: none). */
  workerFrom?: number;
  /** Starts the worker (tests watch or stop it); default the push-check-worker script. */
  startWorker?: () => Worker;
};

type Waiting = { resolve(checked: CheckedChange[]): void; reject(error: Error): void };
/** The running worker, the batches it holds, and the form versions it was sent. */
type Thread = { worker: Worker; waiting: Map<number, Waiting>; sent: Set<string>; ready: boolean };

/**
 * The server's form cache (route handlers hand it to applyPush), and where a push's checks run.
 * A plain FormCache (the CLI's imports) checks on the calling thread.
 */
export class PushCheckPool extends FormCache {
  private readonly workerFrom: number;
  private readonly startWorker: () => Worker;
  private thread: Thread | undefined;
  private nextId = 0;
  private closed = false;

  constructor(options: PushCheckOptions = {}) {
    super();
    const scriptThere = existsSync(fileURLToPath(SCRIPT));
    this.workerFrom = options.workerFrom ?? (scriptThere ? WORKER_FROM : Infinity);
    this.startWorker = options.startWorker ?? (() => startScriptWorker(SCRIPT));
  }

  /** The batch's checks, on the worker when it is big enough; the same results either way. */
  async check(changes: readonly Change[], formOf: FormOf): Promise<CheckedChange[]> {
    if (changes.length < this.workerFrom || this.closed) return checkChanges(changes, formOf);
    const thread = (this.thread ??= this.start());
    // Until it has loaded its modules (seconds, from TypeScript source), no batch waits for it.
    if (!thread.ready) return checkChanges(changes, formOf);
    try {
      return await this.onWorker(thread, changes, formOf);
    } catch {
      // The worker's fault, not a record's (those are verdicts): checked here instead.
      return checkChanges(changes, formOf);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const thread = this.thread;
    this.thread = undefined;
    await thread?.worker.terminate();
  }

  private async onWorker(
    thread: Thread,
    changes: readonly Change[],
    formOf: FormOf,
  ): Promise<CheckedChange[]> {
    const forms = formsNamed(changes, formOf, thread.sent);
    const id = this.nextId++;
    const checked = await new Promise<CheckedChange[]>((resolve, reject) => {
      thread.waiting.set(id, { resolve, reject });
      thread.worker.ref();
      try {
        thread.worker.postMessage({ id, changes, forms } satisfies CheckRequest);
      } catch (e) {
        thread.waiting.delete(id);
        if (thread.waiting.size === 0) thread.worker.unref();
        thread.sent.clear();
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
    checked.forEach((c, i) => {
      if (c.kind !== 'submission' || c.checked) return;
      // The worker had the forms the records name as sent; as parsed they must name none here.
      const p = c.payload ?? (changes[i]?.payload as SubmissionPayload);
      if (formOf(p.eventId, p.formId, p.formVersion) !== undefined) {
        throw new Error(`record ${i} was not checked against its form on the worker`);
      }
    });
    return checked;
  }

  private start(): Thread {
    const started: Thread = { worker: this.startWorker(), waiting: new Map(), sent: new Set(), ready: false };
    const { worker, waiting } = started;
    worker.unref();
    worker.on('message', (reply: WorkerMessage) => {
      if ('ready' in reply) return void (started.ready = true);
      const asked = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (waiting.size === 0) worker.unref();
      if ('checked' in reply) return asked?.resolve(reply.checked);
      // Whatever it failed on, the next batch sends every form it names again.
      started.sent.clear();
      asked?.reject(new Error(reply.error));
    });
    const gone = (error: Error): void => {
      if (this.thread === started) this.thread = undefined;
      for (const asked of waiting.values()) asked.reject(error);
      waiting.clear();
    };
    worker.on('error', gone);
    worker.on('exit', (code) => gone(new Error(`the push-check worker stopped (exit code ${code})`)));
    return started;
  }
}

/** The forms the batch's records name as sent, each with its definition if the worker lacks it. */
function formsNamed(changes: readonly Change[], formOf: FormOf, sent: Set<string>): GivenForm[] {
  const named = new Set<string>();
  const given: GivenForm[] = [];
  let previous: Record<string, unknown> | undefined;
  for (const change of changes) {
    const p = change.payload;
    if (change.kind !== 'submission' || p === null || typeof p !== 'object') continue;
    const { eventId, formId, formVersion } = p as Record<string, unknown>;
    if (typeof eventId !== 'string' || typeof formId !== 'string' || typeof formVersion !== 'string')
      continue;
    // A kiosk's records mostly name the form the one before named: that one is not looked up again.
    const last = previous;
    previous = p as Record<string, unknown>;
    if (last?.eventId === eventId && last.formId === formId && last.formVersion === formVersion) continue;
    const key = formKey(eventId, formId, formVersion);
    if (named.has(key)) continue;
    named.add(key);
    const form = formOf(eventId, formId, formVersion);
    if (form === undefined) continue;
    given.push({ key, definition: sent.has(key) ? undefined : form.definition });
    sent.add(key);
  }
  return given;
}
