// Text written to a stream in chunks, with the stream setting the pace: writes go on until the
// stream reports it is full, and the writer then waits (at a page boundary) until it drains. So
// an export holds about one page of output, however slow the reader (an HTTP client, a file, a
// ZIP entry). Chunks are handed on small (64 K characters): text built by concatenation is a
// tree of pieces until it is written, and a large tree surviving a garbage collection is costly.
import { Readable, type Writable } from 'node:stream';

/** The output went away before the export finished (the client disconnected). */
export class ExportAbortedError extends Error {
  override readonly name = 'ExportAbortedError';
}

const CHUNK_CHARS = 1 << 16;

export class TextSink {
  private pending = '';
  private full = false;

  constructor(readonly out: Writable) {}

  /**
   * `written`, for bytes: called once the stream is done with them, so they may be reused. Not
   * when the stream is also readable (a pass-through): it hands the very bytes on to its reader.
   */
  write(text: string | Buffer, written?: () => void): void {
    if (typeof text !== 'string') {
      this.handOn();
      this.handOnChunk(text, written);
      return;
    }
    this.pending += text;
    if (this.pending.length >= CHUNK_CHARS) this.handOn();
  }

  /** Waits while the stream is full. */
  async flushIfFull(): Promise<void> {
    if (this.full) await this.flush();
  }

  async flush(): Promise<void> {
    this.handOn();
    if (this.full) await drained(this.out);
    this.full = false;
  }

  private handOn(): void {
    if (this.pending === '') return;
    this.handOnChunk(this.pending);
    this.pending = '';
  }

  private handOnChunk(chunk: string | Buffer, written?: () => void): void {
    if (this.out.destroyed || this.out.writableEnded) throw new ExportAbortedError('the output was closed');
    // Bytes that failed to be written are not reused: the stream may still hold them.
    const reuse = written !== undefined && !(this.out instanceof Readable);
    const done = (error?: Error | null) => (reuse && !error ? written() : undefined);
    if (!this.out.write(chunk, done)) this.full = true;
  }
}

function drained(out: Writable): Promise<void> {
  if (!out.writableNeedDrain) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const settle = (error?: Error) => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      out.off('error', onError);
      if (error === undefined) resolve();
      else reject(error);
    };
    const onDrain = () => settle();
    const onClose = () => settle(new ExportAbortedError('the output was closed'));
    const onError = (error: Error) => settle(error);
    out.on('drain', onDrain);
    out.on('close', onClose);
    out.on('error', onError);
  });
}

/** Ends the stream and waits until everything written has been handed on. */
export async function endStream(out: Writable): Promise<void> {
  if (out.writableFinished) return;
  await new Promise<void>((resolve, reject) => {
    out.once('error', reject);
    out.end(() => resolve());
  });
}
