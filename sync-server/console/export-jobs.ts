// Progress of the exports the console's users are downloading, kept in this server's memory (an
// export lives as long as its HTTP response). Each user sees only their own; finished ones are
// forgotten after a while, and a user keeps at most MAX_JOBS.
import type { ExportJob } from '../../shared/console/data-api';
import { SyncError } from '../sync-error';

export const KEEP_FINISHED_MS = 30 * 60_000;
export const MAX_JOBS = 20;

type Owned = ExportJob & { owner: string };

export class ExportJobs {
  private readonly jobs = new Map<string, Owned>();

  constructor(private readonly clock: () => Date = () => new Date()) {}

  /** A new running job; an id already in use (by anyone) is refused. */
  start(owner: string, id: string, formId: string, format: string): ExportJob {
    this.prune();
    if (this.jobs.has(id)) {
      throw new SyncError('conflict', `export job ${id} exists already: make a new id for each download`, {
        field: 'job',
      });
    }
    const job: Owned = {
      owner,
      id,
      formId,
      format,
      state: 'running',
      bytes: 0,
      records: 0,
      error: null,
      startedAt: this.clock().toISOString(),
      finishedAt: null,
    };
    this.jobs.set(id, job);
    const mine = [...this.jobs.values()].filter((j) => j.owner === owner);
    for (const old of mine.slice(0, Math.max(0, mine.length - MAX_JOBS))) this.jobs.delete(old.id);
    return strip(job);
  }

  progress(id: string, bytes: number, records: number): void {
    const job = this.jobs.get(id);
    if (job?.state === 'running') Object.assign(job, { bytes, records });
  }

  finish(
    id: string,
    outcome: { bytes: number; records: number; state: ExportJob['state']; error?: string },
  ): void {
    const job = this.jobs.get(id);
    if (job === undefined) return;
    Object.assign(job, {
      bytes: outcome.bytes,
      records: outcome.records,
      state: outcome.state,
      error: outcome.error ?? null,
      finishedAt: this.clock().toISOString(),
    });
  }

  /** The owner's jobs, newest first. */
  list(owner: string): ExportJob[] {
    this.prune();
    return [...this.jobs.values()]
      .filter((j) => j.owner === owner)
      .reverse()
      .map(strip);
  }

  /** Another user's job reads as missing, like one that never was. */
  get(owner: string, id: string): ExportJob {
    const job = this.jobs.get(id);
    if (job === undefined || job.owner !== owner) throw new SyncError('not_found', `no export job ${id}`);
    return strip(job);
  }

  private prune(): void {
    const before = this.clock().getTime() - KEEP_FINISHED_MS;
    for (const [id, job] of this.jobs) {
      if (job.finishedAt !== null && Date.parse(job.finishedAt) < before) this.jobs.delete(id);
    }
  }
}

function strip({ owner: _owner, ...job }: Owned): ExportJob {
  return job;
}
