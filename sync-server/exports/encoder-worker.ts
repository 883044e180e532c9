// A worker thread for an EncoderPool. The spec arrives as workerData; then pages { id, rows }
// come in. For CSV and JSON Lines the page's text goes back as UTF-8 bytes, transferred rather
// than copied ({ id, bytes, records }); for statistics only the count ({ id, records }) until a
// { id, finish } asks for what was gathered ({ id, snapshot }). Failures answer { id, error }.
import { parentPort, workerData } from 'node:worker_threads';
import { mergeVersions } from './export-layout';
import { FormStats, type StatsSnapshot } from './form-stats';
import { ImpactStats } from './impact-stats';
import { createPageEncoder, type EncoderSpec } from './page-encoder';
import type { StoredRow } from './record-pages';

export type WorkerRequest = { id: number; rows: StoredRow[] } | { id: number; finish: true };
export type WorkerReply =
  | { id: number; bytes: Uint8Array; records: number; rows: number }
  | { id: number; records: number }
  | { id: number; snapshot: StatsSnapshot }
  | { id: number; error: string };

const port = parentPort;
if (port !== null) {
  const spec = workerData as EncoderSpec;
  const answer = spec.job === 'stats' ? gatherer(spec) : encoder(spec);
  port.on('message', (request: WorkerRequest) => {
    try {
      const [reply, transfer] = answer(request);
      port.postMessage(reply, transfer);
    } catch (e) {
      port.postMessage({
        id: request.id,
        error: e instanceof Error ? e.message : String(e),
      } satisfies WorkerReply);
    }
  });
}

type Answer = (request: WorkerRequest) => [WorkerReply, ArrayBuffer[]];

function encoder(spec: EncoderSpec): Answer {
  const encode = createPageEncoder(spec);
  const utf8 = new TextEncoder();
  return (request) => {
    if (!('rows' in request)) throw new Error('an encoder has nothing to finish');
    const { text, records, rows } = encode(request.rows);
    const bytes = utf8.encode(text);
    return [{ id: request.id, bytes, records, rows }, [bytes.buffer]];
  };
}

function gatherer(spec: EncoderSpec): Answer {
  const stats = new FormStats(
    mergeVersions(spec.definitions, spec.anonymised),
    spec.rowOptions.utcOffsetMinutes,
  );
  return (request) => {
    if ('rows' in request)
      return [{ id: request.id, records: stats.addPage(request.rows, spec.filters) }, []];
    const snapshot = stats.snapshot();
    // Each chunk has a buffer of its own: handed over, not copied.
    const numbers = snapshot.questions.flatMap((q) => (q.numbers ?? []).map((chunk) => chunk.buffer));
    const impact = snapshot.impact === undefined ? [] : ImpactStats.transferables(snapshot.impact);
    return [{ id: request.id, snapshot }, [...(numbers as ArrayBuffer[]), ...impact]];
  };
}
