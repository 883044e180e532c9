// A ZIP file streamed as it is written (yazl): entries one after another, each compressed as its
// text arrives; the output's pace holds back the writer through the entry being written.
import type { Writable } from 'node:stream';
import { PassThrough } from 'node:stream';
import { ZipFile } from 'yazl';
import { ExportAbortedError, TextSink } from './text-sink';

const MTIME = { mtime: new Date() };

export class ZipOutput {
  private readonly zip = new ZipFile();
  private readonly finished: Promise<void>;
  private current: PassThrough | undefined;

  constructor(out: Writable) {
    this.zip.outputStream.pipe(out);
    this.finished = new Promise<void>((resolve, reject) => {
      out.once('finish', resolve);
      out.once('error', reject);
      out.once('close', () => {
        if (!out.writableFinished) {
          const aborted = new ExportAbortedError('the output was closed');
          this.current?.destroy(aborted);
          reject(aborted);
        }
      });
    });
    // Rejections are awaited in finish(); an early one must not go unhandled meanwhile.
    this.finished.catch(() => undefined);
  }

  addText(path: string, text: string): void {
    this.zip.addBuffer(Buffer.from(text, 'utf8'), path, MTIME);
  }

  /**
   * Starts an entry whose text is written through the returned sink; call endEntry when done.
   * `stored`: written as it is, for what is compressed already (photos).
   */
  openEntry(path: string, stored = false): TextSink {
    const entry = new PassThrough();
    this.current = entry;
    this.zip.addReadStream(entry, path, { ...MTIME, compress: !stored });
    return new TextSink(entry);
  }

  async endEntry(sink: TextSink): Promise<void> {
    await sink.flush();
    sink.out.end();
    this.current = undefined;
  }

  async finish(): Promise<void> {
    this.zip.end();
    await this.finished;
  }
}
