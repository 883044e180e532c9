// A worker thread for an EncoderPool. The spec arrives as workerData; then pages { id, page }
// come in, which the worker reads from the database itself, with a connection of its own. For
// CSV and JSON Lines the page's text goes back as UTF-8 bytes, transferred rather than copied
// ({ id, bytes, records, rows }); for statistics only the count ({ id, records }) until a
// { id, finish } asks for what was gathered ({ id, snapshot }). { id, close } closes the
// connection ({ id, closed }). Failures answer { id, error }.
import { parentPort, workerData } from 'node:worker_threads';
import { mergeVersions } from './export-layout';
import { FormStats, type StatsSnapshot } from './form-stats';
import { ImpactStats } from './impact-stats';
import { createPageEncoder, type EncoderSpec } from './page-encoder';
import { openPageReader, type PageQuery, type PageReader, type RowSource } from './page-reader';

/** What a worker is started with: the job, and where to read its pages. */
export type WorkerSpec = EncoderSpec & { source: RowSource };

export type WorkerRequest =
  | { id: number; page: PageQuery; spare?: ArrayBuffer }
  | { id: number; finish: true }
  | { id: number; close: true };
export type WorkerReply =
  | { id: number; bytes: Uint8Array; records: number; rows: number }
  | { id: number; records: number }
  | { id: number; snapshot: StatsSnapshot }
  | { id: number; closed: true }
  | { id: number; error: string };

const port = parentPort;
if (port !== null) {
  const spec = workerData as WorkerSpec;
  const reader = openPageReader(spec.source);
  const answer = spec.job === 'stats' ? gatherer(spec, reader) : encoder(spec, reader);
  port.on('message', (request: WorkerRequest) => {
    const answered = 'close' in request ? reader.close().then(() => closed(request.id)) : answer(request);
    answered.then(
      ([reply, transfer]) => port.postMessage(reply, transfer),
      (e: unknown) =>
        port.postMessage({
          id: request.id,
          error: e instanceof Error ? e.message : String(e),
        } satisfies WorkerReply),
    );
  });
}

type Answer = (request: WorkerRequest) => Promise<[WorkerReply, ArrayBuffer[]]>;

const closed = (id: number): [WorkerReply, ArrayBuffer[]] => [{ id, closed: true }, []];

function encoder(spec: EncoderSpec, reader: PageReader): Answer {
  const encode = createPageEncoder(spec);
  return async (request) => {
    if (!('page' in request)) throw new Error('an encoder has nothing to finish');
    const { bytes, records, rows } = encode(await reader.read(request.page), request.spare);
    return [{ id: request.id, bytes, records, rows }, [bytes.buffer as ArrayBuffer]];
  };
}

function gatherer(spec: EncoderSpec, reader: PageReader): Answer {
  const stats = new FormStats(
    mergeVersions(spec.definitions, spec.anonymised),
    spec.rowOptions.utcOffsetMinutes,
  );
  return async (request) => {
    if ('page' in request)
      return [{ id: request.id, records: stats.addPage(await reader.read(request.page), spec.filters) }, []];
    const snapshot = stats.snapshot();
    // Each chunk has a buffer of its own: handed over, not copied.
    const numbers = snapshot.questions.flatMap((q) => (q.numbers ?? []).map((chunk) => chunk.buffer));
    const impact = snapshot.impact === undefined ? [] : ImpactStats.transferables(snapshot.impact);
    return [{ id: request.id, snapshot }, [...(numbers as ArrayBuffer[]), ...impact]];
  };
}
