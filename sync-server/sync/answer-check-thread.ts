// Checking a push's answers is most of its CPU: half of a big batch is checked on a worker thread
// while this thread checks the other half, so a push takes about half as long on a second core.
// One thread, started on first use; it does not keep the process alive while idle. Should it fail
// (or its script be missing from an install), its half is checked here: slower, never different.
// It pays only with a core to spare: on a machine already busier than its cores (interleaved
// pushes on one loaded 2-core machine: 86 ms per batch without the thread, 95 with it) every check
// stays here, and QUIOSCO_PUSH_THREAD=0 keeps them here always.
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { CompiledForm, ValidationIssue } from '../../shared/forms/engine';
import { runsFromSource, startScriptWorker } from '../threads/script-worker';
import { answerIssues, type CheckedAnswers } from './answer-check';
import type { CheckReply, CheckRequest } from './answer-check-worker';

const SCRIPT = new URL(
  runsFromSource(import.meta.url) ? './answer-check-worker.ts' : './answer-check-worker.js',
  import.meta.url,
);

/** Fewer records than this are checked here: handing them over would cost more than it saves. */
export const SHARED_FROM = 64;

export type AnswerCheck = { form: CompiledForm; answers: CheckedAnswers };

type Waiting = { resolve(issues: ValidationIssue[][]): void; reject(error: Error): void };
type Thread = { worker: Worker; waiting: Map<number, Waiting>; sent: Set<number> };

let thread: Thread | undefined;
let nextRequest = 0;
/** Forms are known to the thread by number: sent once, compiled there once. */
const formNumbers = new WeakMap<CompiledForm, number>();
let nextForm = 0;

/** Whether a core is likely free for the thread: fewer tasks ran over the last minute than there are cores. */
const threadPays = (): boolean =>
  process.env.QUIOSCO_PUSH_THREAD !== '0' && (loadavg()[0] ?? 0) < availableParallelism();

/** Each record's issues, in order, exactly as answerIssues gives them. */
export async function checkAnswers(
  checks: readonly AnswerCheck[],
  useThread = threadPays(),
): Promise<ValidationIssue[][]> {
  const shared = useThread && checks.length >= SHARED_FROM && existsSync(fileURLToPath(SCRIPT));
  const split = shared ? Math.ceil(checks.length / 2) : checks.length;
  const away = checks.slice(split);
  // Sent before this thread starts on its own half, so that both halves are checked at once.
  const there = away.length === 0 ? Promise.resolve([]) : onThread(away);
  const here = checks.slice(0, split).map((c) => answerIssues(c.form, c.answers));
  const theirs = await there.catch(() => away.map((c) => answerIssues(c.form, c.answers)));
  return [...here, ...theirs];
}

function onThread(checks: readonly AnswerCheck[]): Promise<ValidationIssue[][]> {
  const current = (thread ??= startThread());
  const request: CheckRequest = { id: nextRequest++, forms: [], records: [] };
  for (const { form, answers } of checks) {
    let number = formNumbers.get(form);
    if (number === undefined) {
      number = nextForm++;
      formNumbers.set(form, number);
    }
    if (!current.sent.has(number)) {
      current.sent.add(number);
      request.forms.push({ form: number, definition: form.definition });
    }
    // Only what the check reads crosses over.
    const { answers: values, complete, createdAt } = answers;
    request.records.push({ form: number, answers: { answers: values, complete, createdAt } });
  }
  return new Promise((resolve, reject) => {
    current.waiting.set(request.id, { resolve, reject });
    current.worker.ref();
    current.worker.postMessage(request);
  });
}

function startThread(): Thread {
  const started: Thread = { worker: startScriptWorker(SCRIPT), waiting: new Map(), sent: new Set() };
  const { worker, waiting } = started;
  worker.unref();
  worker.on('message', (reply: CheckReply) => {
    const asked = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (waiting.size === 0) worker.unref();
    if ('issues' in reply) asked?.resolve(reply.issues);
    else asked?.reject(new Error(reply.error));
  });
  const stop = (error: Error): void => {
    if (thread === started) thread = undefined;
    for (const asked of waiting.values()) asked.reject(error);
    waiting.clear();
  };
  worker.on('error', stop);
  worker.on('exit', (code) => stop(new Error(`answer-check worker stopped (exit code ${code})`)));
  return started;
}
