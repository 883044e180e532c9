// Field records between two real kiosks and a real server (SQLite and PostgreSQL): a record made
// on A with a photo reaches B with its photo; both edit it offline from the same base; after sync
// the server keeps both revisions current and both kiosks show the conflict; a merge on A reaches
// B and the conflict clears there. Every revision stays, on the server and on both kiosks.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../shared/random/seeded-random';
import { createEnrolCode } from '../sync-server/devices/devices-store';
import { DB_KINDS } from '../sync-server/testing/test-server';
import { serverAndKiosks } from './support/server-and-kiosks';
import {
  editRecord,
  fakeJpeg,
  heritageAnswers,
  kioskPhotos,
  makeRecord,
  savePhoto,
  serverPhoto,
  sha256,
} from './support/field-records';
import { startFaultProxy } from './support/fault-proxy';
import { expectSameRecords, type SyncKiosk } from './support/sync-kiosk';

describe.each(DB_KINDS)('field records between two kiosks on %s', (kind) => {
  const t = serverAndKiosks(kind);
  const { enrolled } = t;
  const sync = async (k: SyncKiosk) => {
    const status = await k.core.syncNow();
    expect(status.lastError).toBeNull();
  };
  const entry = async (k: SyncKiosk, recordId: string) =>
    (await k.call('field:list', {})).entries.find((e) => e.kind === 'record' && e.recordId === recordId);
  const current = async (k: SyncKiosk, recordId: string) =>
    (await k.call('record:revisions', { recordId })).revisions
      .filter((r) => r.current)
      .map((r) => r.id)
      .sort();
  const serverRevisions = async (recordId: string) =>
    (
      await t.server.server.db.db
        .selectFrom('submissions')
        .select(['id', 'current'])
        .where('record_id', '=', recordId)
        .orderBy('id')
        .execute()
    ).map((r) => ({ id: r.id, current: Number(r.current) === 1 }));

  it('a kiosk whose event has no field form is refused field records and syncs all the rest', async () => {
    const eventId = await t.server.createEvent(['encuesta-impacto-economico']);
    const k = await enrolled(eventId);
    const proxy = await startFaultProxy(t.server.server.port);
    const heads: string[] = [];
    proxy.setFaults((head) => {
      heads.push(head.split('\r\n')[0] ?? '');
      return 'pass';
    });
    try {
      await k.call('staff:enrol', {
        code: (await createEnrolCode(t.server.server.db, { eventId })).code,
        serverUrl: proxy.url,
      });
      await k.save(2);
      await sync(k);
      // The kiosk has the heritage form installed, so it asked; the server said no (403).
      expect(heads.some((h) => h.startsWith('GET /v1/sync/pull?') && h.includes('stream=records'))).toBe(
        true,
      );
      expect((await k.status()).pendingSync).toBe(0);
      await expectSameRecords(t.server.server.db, k, 2);
    } finally {
      await proxy.close();
    }
  });

  it('a record and its photo reach the other kiosk; an offline conflict is seen on both and merged once', async () => {
    const eventId = await t.server.createEvent(['patrimonio-inmaterial']);
    const a = await enrolled(eventId);
    const b = await enrolled(eventId);

    const photo = fakeJpeg(300_000, seededRandom(7));
    const name = await savePhoto(a, photo);
    expect(name).toBe(`${sha256(photo)}.jpg`);
    const { recordId, revisionId: base } = await makeRecord(a, heritageAnswers([name]));
    await sync(a);
    // The record was acknowledged first, then its photo went up in the same round.
    expect(kioskPhotos(a.dataDir).get(name)).not.toBeNull();
    const stored = await serverPhoto(t.server.url, await t.server.tokenFor('admin'), name);
    expect(stored && sha256(stored)).toBe(sha256(photo));

    await sync(b);
    expect(await entry(b, recordId)).toMatchObject({ conflict: false, here: false, photosWaiting: 0 });
    const onB = await b.call('attachment:get', { name });
    expect(sha256(Buffer.from(onB.base64, 'base64'))).toBe(sha256(photo));
    expect(kioskPhotos(b.dataDir).get(name)).not.toBeNull();

    // Both edit the record from the same base with no network.
    const onA = await editRecord(a, recordId, { comunidad: 'El Arenal, Actopan' }, 'Ana');
    const onB2 = await editRecord(b, recordId, { riesgo: 'disminucion' }, 'Brenda');
    expect(onA.revision).toBe(2);
    expect(onB2.revision).toBe(2);
    await sync(a);
    await sync(b);
    await sync(a);

    const both = [onA.revisionId, onB2.revisionId].sort();
    expect((await serverRevisions(recordId)).filter((r) => r.current).map((r) => r.id)).toEqual(both);
    for (const k of [a, b]) {
      expect(await entry(k, recordId)).toMatchObject({ conflict: true });
      expect(await current(k, recordId)).toEqual(both);
    }

    // A merges: each side's change kept.
    const revisions = (await a.call('record:revisions', { recordId })).revisions;
    const answersOf = (id: string) => revisions.find((r) => r.id === id)?.answers ?? {};
    const merged = { ...answersOf(onA.revisionId), riesgo: answersOf(onB2.revisionId).riesgo };
    const draft = await a.call('record:merge', { recordId, answers: merged, language: 'es' });
    expect([...draft.baseRevisions].sort()).toEqual(both);
    const merge = await a.call('draft:finish', { draftId: draft.draftId, editedBy: 'Ana' });
    expect(merge.revision).toBe(3);
    await sync(a);
    await sync(b);

    for (const k of [a, b]) {
      expect(await entry(k, recordId)).toMatchObject({ conflict: false, revision: 3 });
      expect(await current(k, recordId)).toEqual([merge.revisionId]);
      const all = (await k.call('record:revisions', { recordId })).revisions;
      expect(all.map((r) => r.id).sort()).toEqual([base, ...both, merge.revisionId].sort());
      expect(all.find((r) => r.id === merge.revisionId)).toMatchObject({
        parents: expect.arrayContaining(both) as unknown,
        answers: expect.objectContaining({
          comunidad: 'El Arenal, Actopan',
          riesgo: 'disminucion',
        }) as unknown,
      });
    }
    expect(await serverRevisions(recordId)).toEqual(
      [base, ...both, merge.revisionId].sort().map((id) => ({ id, current: id === merge.revisionId })),
    );
  });
});
