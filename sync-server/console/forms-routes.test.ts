// The console's forms page over real HTTP on SQLite and PostgreSQL: uploading a CSV trio (a bad
// one refused at its cell, nothing attached), versions with their record counts, which kiosk
// runs which version, a version's definition; who may read and who may upload; the audit (an
// upload that changes nothing, or is refused, writes no entry).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER, CSRF_REFUSAL } from '../../shared/console/console-api';
import { ConsoleFormsResponseSchema, FormDefinitionResponseSchema } from '../../shared/console/setup-api';
import { FormUploadResponseSchema, type Role } from '../../shared/sync/admin-api';
import { ErrorBodySchema } from '../../shared/sync/protocol';
import {
  DB_KINDS,
  openServerForTest,
  surveyChanges,
  SURVEY_FORM,
  type TestServer,
} from '../testing/test-server';
import { PNG } from '../../electron/core/testing/field-fixtures';
import { listAudit, type AuditEntry } from './audit';
import { signedInRoles, type SignedIn } from './testing/signed-in';

const trio = (version: string, relevant = '') => ({
  survey: `type,name,label::Español (es),relevant\ninteger,edad,Edad,\ntext,ciudad,Ciudad,${relevant}\n`,
  choices: 'list_name,name,label::Español (es)\n',
  settings: `form_id,version,form_title\nlibro_visitas,${version},Libro de visitas\n`,
});

describe.each(DB_KINDS)('console forms on %s', (kind) => {
  let t: TestServer;
  let eventId: string;
  let session: (role: Role) => SignedIn;
  beforeAll(async () => {
    t = await openServerForTest(kind);
    eventId = await t.createEvent(['encuesta-impacto-economico']);
    session = await signedInRoles(t, ['coordinator', 'statistician', 'door_supervisor']);
  });
  afterAll(() => t.close());

  const errorOf = (r: { body: unknown }) => ErrorBodySchema.parse(r.body).error;
  const upload = (body: unknown, role: Role = 'coordinator') =>
    session(role).call('POST', `/console/api/setup/forms?eventId=${eventId}`, { body });
  const overview = async (role: Role = 'coordinator') =>
    ConsoleFormsResponseSchema.parse(
      (await session(role).call('GET', `/console/api/setup/forms?eventId=${eventId}`)).body,
    ).forms;

  it('uploads a CSV trio and audits it; the same again is unchanged and a changed one refused, neither audited', async () => {
    const audited = () => listAudit(t.server.db);
    const newest = ([entry]: AuditEntry[]) =>
      entry && { actor: entry.actor, action: entry.action, detail: entry.detail };
    const uploaded = (version: string) => ({
      actor: 'coordinator',
      action: 'form_uploaded',
      detail: { eventId, formId: 'libro_visitas', version, status: 'added' },
    });
    const before = await audited();
    const first = await upload(trio('1'));
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(FormUploadResponseSchema.parse(first.body)).toMatchObject({
      status: 'added',
      form: { formId: 'libro_visitas', version: '1' },
    });
    const afterFirst = await audited();
    expect(afterFirst.slice(1)).toEqual(before);
    expect(newest(afterFirst)).toEqual(uploaded('1'));

    const again = await upload(trio('1'));
    expect([again.status, FormUploadResponseSchema.parse(again.body).status]).toEqual([200, 'unchanged']);
    expect(await audited()).toEqual(afterFirst);

    const changed = await upload(trio('1', '${edad} > 17'));
    expect([changed.status, errorOf(changed)]).toEqual([
      409,
      {
        code: 'conflict',
        message: `form libro_visitas version 1 is already attached to ${eventId} with different content: give the changed form a new version`,
      },
    ]);
    expect(await audited()).toEqual(afterFirst);

    expect((await upload(trio('2', '${edad} > 17'))).status).toBe(200);
    const afterSecond = await audited();
    expect(afterSecond.slice(1)).toEqual(afterFirst);
    expect(newest(afterSecond)).toEqual(uploaded('2'));
  });

  it('refuses a broken form at its cell, and a changed form under a taken version, attaching nothing', async () => {
    const before = JSON.stringify(await overview());
    const broken = await upload(trio('3', '${nada} = 1'));
    expect([broken.status, errorOf(broken)]).toEqual([
      400,
      {
        code: 'invalid_input',
        field: 'survey',
        message: 'survey!D3, column "relevant": ${nada} is not a question of this form',
      },
    ]);
    const taken = await upload(trio('1', '${edad} > 1'));
    expect([taken.status, errorOf(taken).message]).toEqual([
      409,
      `form libro_visitas version 1 is already attached to ${eventId} with different content: give the changed form a new version`,
    ]);
    const notBook = await upload({ xlsx: Buffer.from('hola').toString('base64'), fileName: 'x.xlsx' });
    expect(notBook.status).toBe(400);
    expect(JSON.stringify(await overview())).toBe(before);
  });

  it('stores the images sent with a form, and says where the form names one that was not sent', async () => {
    const fruits = (images: Record<string, Buffer>) => ({
      survey: 'type,name,label,image\nselect_one f,fruta,Fruta,portada.png\n',
      choices: 'list_name,name,label,media::image\nf,durazno,Durazno,durazno.png\nf,pera,Pera,pera.png\n',
      settings: 'form_id,version,form_title\nfrutas,1,Frutas\n',
      media: Object.entries(images).map(([name, bytes]) => ({ name, base64: bytes.toString('base64') })),
    });
    const sent = await upload(fruits({ 'pera.png': PNG }));
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(FormUploadResponseSchema.parse(sent.body)).toMatchObject({
      status: 'added',
      missingMedia: [
        { image: 'portada.png', at: { kind: 'question', name: 'fruta' } },
        { image: 'durazno.png', at: { kind: 'choice', list: 'f', name: 'durazno' } },
      ],
    });
    const stored = () =>
      t.server.db.db
        .selectFrom('form_media')
        .select(['name', 'size'])
        .where('form_id', '=', 'frutas')
        .execute();
    expect(await stored()).toEqual([{ name: 'pera.png', size: PNG.length }]);

    const again = FormUploadResponseSchema.parse(
      (await upload(fruits({ 'pera.png': PNG, 'durazno.png': PNG, 'portada.png': PNG }))).body,
    );
    expect([again.status, again.missingMedia]).toEqual(['media_replaced', []]);
    expect((await stored()).map((row) => row.name).sort()).toEqual([
      'durazno.png',
      'pera.png',
      'portada.png',
    ]);
  });

  it('lists versions with record counts and the version each kiosk last used', async () => {
    const busy = await t.enrol(eventId, 'Kiosco plaza');
    const pushed = await t.call('POST', '/v1/sync/push', {
      token: busy.token,
      body: { deviceId: busy.deviceId, changes: surveyChanges(busy, 1, 2) },
    });
    expect(pushed.status).toBe(200);
    await t.enrol(eventId, 'Kiosco nuevo');
    const forms = await overview('statistician');
    const survey = forms.find((f) => f.formId === SURVEY_FORM.formId);
    expect(survey?.versions.map((v) => [v.version, v.records])).toEqual([[SURVEY_FORM.version, 2]]);
    expect(survey?.kiosks.map((k) => [k.name, k.version])).toEqual([
      ['Kiosco nuevo', null],
      ['Kiosco plaza', SURVEY_FORM.version],
    ]);
    const libro = forms.find((f) => f.formId === 'libro_visitas');
    expect(libro?.versions.map((v) => [v.version, v.records])).toEqual([
      ['1', 0],
      ['2', 0],
    ]);
  });

  it('answers a version as the kiosks get it, and 404 for one that is not there', async () => {
    const r = await session('statistician').call(
      'GET',
      `/console/api/setup/forms/libro_visitas/versions/2?eventId=${eventId}`,
    );
    const { definition } = FormDefinitionResponseSchema.parse(r.body);
    expect(definition.children.map((q) => q.name)).toEqual(['edad', 'ciudad']);
    const missing = await session('coordinator').call(
      'GET',
      `/console/api/setup/forms/libro_visitas/versions/9?eventId=${eventId}`,
    );
    expect([missing.status, errorOf(missing).message]).toEqual([
      404,
      `no form libro_visitas version 9 in ${eventId}`,
    ]);
  });

  it('lets statisticians read but not upload, door supervisors neither; uploads check CSRF', async () => {
    const before = JSON.stringify(await overview());
    const stats = await upload(trio('5'), 'statistician');
    expect([stats.status, errorOf(stats).message]).toEqual([
      403,
      'The statistician role may not do this; it needs admin or coordinator',
    ]);
    for (const r of [
      await upload(trio('6'), 'door_supervisor'),
      await session('door_supervisor').call('GET', `/console/api/setup/forms?eventId=${eventId}`),
    ]) {
      expect([r.status, errorOf(r).message]).toEqual([
        403,
        expect.stringMatching(/^The door_supervisor role may not do this; it needs admin or coordinator/),
      ]);
    }
    const forged = await session('coordinator').call('POST', `/console/api/setup/forms?eventId=${eventId}`, {
      body: trio('7'),
      headers: { [CSRF_HEADER]: undefined },
    });
    expect([forged.status, errorOf(forged).message]).toEqual([403, CSRF_REFUSAL]);
    expect(JSON.stringify(await overview())).toBe(before);
  });
});
