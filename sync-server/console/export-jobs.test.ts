// Downloads' progress: kept per user, forgotten after a while, a refusal recorded with its reason;
// over real HTTP on SQLite and PostgreSQL, and the registry itself with an injected clock.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportJobResponseSchema, ExportJobsResponseSchema } from '../../shared/console/data-api';
import type { Role } from '../../shared/sync/admin-api';
import { ErrorBodySchema } from '../../shared/sync/protocol';
import { SURVEY } from '../exports/testing/export-fixtures';
import { DB_KINDS, openServerForTest, surveyChanges, type TestServer } from '../testing/test-server';
import { createUser } from './accounts';
import { ExportJobs, KEEP_FINISHED_MS, MAX_JOBS } from './export-jobs';
import { signedIn, type SignedIn } from './testing/signed-in';

describe('ExportJobs', () => {
  it('shows each user only their own jobs, newest first, and forgets finished ones after a while', () => {
    let now = Date.parse('2026-11-20T10:00:00Z');
    const jobs = new ExportJobs(() => new Date(now));
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    jobs.start('ana', a, SURVEY, 'csv');
    jobs.start('ana', b, SURVEY, 'xlsx');
    jobs.start('luis', c, SURVEY, 'csv');
    jobs.progress(a, 1000, 10);
    expect(jobs.list('ana').map((j) => [j.id, j.state, j.bytes, j.records])).toEqual([
      [b, 'running', 0, 0],
      [a, 'running', 1000, 10],
    ]);
    expect(() => jobs.get('luis', a)).toThrow(`no export job ${a}`);
    expect(() => jobs.start('luis', a, SURVEY, 'csv')).toThrow(/exists already/);
    jobs.finish(a, { bytes: 2000, records: 20, state: 'done' });
    // Progress after the end changes nothing.
    jobs.progress(a, 9999, 99);
    expect(jobs.get('ana', a)).toMatchObject({ state: 'done', bytes: 2000, records: 20 });
    now += KEEP_FINISHED_MS + 1;
    expect(jobs.list('ana').map((j) => j.id)).toEqual([b]);
  });

  it(`keeps at most ${MAX_JOBS} jobs per user`, () => {
    const jobs = new ExportJobs();
    const ids = Array.from({ length: MAX_JOBS + 3 }, () => randomUUID());
    for (const id of ids) jobs.start('ana', id, SURVEY, 'csv');
    expect(jobs.list('ana').map((j) => j.id)).toEqual(ids.slice(3).reverse());
  });
});

describe.each(DB_KINDS)('export jobs over HTTP on %s', (kind) => {
  let t: TestServer;
  let eventId: string;
  const users = new Map<Role, SignedIn>();
  beforeAll(async () => {
    t = await openServerForTest(kind);
    eventId = await t.createEvent(['encuesta-impacto-economico']);
    const device = await t.enrol(eventId);
    const pushed = await t.call('POST', '/v1/sync/push', {
      token: device.token,
      body: { deviceId: device.deviceId, changes: surveyChanges(device, 1, 5) },
    });
    expect(pushed.status).toBe(200);
    for (const role of ['admin', 'statistician'] as const) {
      await createUser(t.server.db, { username: role, role, password: 'correct horse battery' });
      users.set(role, await signedIn(t, role, 'correct horse battery'));
    }
  });
  afterAll(() => t.close());

  const as = (role: Role) => {
    const user = users.get(role);
    if (user === undefined) throw new Error(`no ${role}`);
    return user;
  };
  const download = (role: Role, query: string) =>
    fetch(new URL(`console/api/exports/${SURVEY}?${query}`, t.url), { headers: { cookie: as(role).cookie } });

  it('follows a download to its end; the job is its owner’s alone', async () => {
    const job = randomUUID();
    const r = await download('statistician', `event=${eventId}&format=csv&job=${job}`);
    expect(r.status).toBe(200);
    const bytes = (await r.arrayBuffer()).byteLength;
    const read = () => as('statistician').call('GET', `/console/api/export-jobs/${job}`);
    await expect.poll(async () => ExportJobResponseSchema.parse((await read()).body).job.state).toBe('done');
    expect(ExportJobResponseSchema.parse((await read()).body).job).toMatchObject({
      formId: SURVEY,
      format: 'csv',
      records: 5,
      bytes,
      error: null,
    });
    const list = ExportJobsResponseSchema.parse(
      (await as('statistician').call('GET', '/console/api/export-jobs')).body,
    );
    expect(list.jobs.map((j) => j.id)).toEqual([job]);
    const other = await as('admin').call('GET', `/console/api/export-jobs/${job}`);
    expect(other.status).toBe(404);
    expect(ErrorBodySchema.parse(other.body).error.message).toBe(`no export job ${job}`);
  });

  it('records a refused export as failed with its reason; a reused or malformed job id is refused', async () => {
    const job = randomUUID();
    const refused = await download('statistician', `event=${eventId}&anonymised=false&job=${job}`);
    expect(refused.status).toBe(403);
    const { job: failed } = ExportJobResponseSchema.parse(
      (await as('statistician').call('GET', `/console/api/export-jobs/${job}`)).body,
    );
    expect(failed).toMatchObject({ state: 'failed', bytes: 0, records: 0 });
    expect(failed.error).toBe(
      'The statistician role exports anonymised data only; personal data (anonymised=false) needs the admin role',
    );
    const again = await download('statistician', `event=${eventId}&job=${job}`);
    expect(again.status).toBe(409);
    const malformed = await download('statistician', `event=${eventId}&job=not-a-uuid`);
    expect(malformed.status).toBe(400);
    expect(ErrorBodySchema.parse(await malformed.json()).error.field).toBe('job');
  });
});
