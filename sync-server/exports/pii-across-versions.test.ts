// Personal data declared in one version of a form stays personal in every anonymised export and
// data page, whatever later versions say: records answered under the older version were collected
// as personal data. Over real HTTP as a statistician, on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataResponseSchema } from '../../shared/console/data-api';
import { compileForm } from '../../shared/forms/compile-form';
import { HEADERS, PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { signedInRoles } from '../console/testing/signed-in';
import { addForm, createEvent, readFormSheets } from '../events/events-store';
import { DB_KINDS, openServerForTest, type TestServer } from '../testing/test-server';
import { pushComplete, pusher } from './testing/export-fixtures';

const FORM = 'registro_corto';
const NAME = 'Guadalupe Itzel Ramírez';
const EMAIL = 'lupita.itzel@example.org';

/** Version 1 marks the name and e-mail pii; version 2 marks neither. */
function sheets(version: '1' | '2') {
  const v1 = version === '1';
  return {
    settings: `form_id,version,form_title::es,default_language\n${FORM},${version},Registro,es`,
    survey: [
      'type,name,label::es,pii',
      `text,nombre,Nombre,${v1 ? 'yes' : 'no'}`,
      `text,correo,Correo,${v1 ? 'yes' : ''}`,
      `integer,edad,Edad,`,
    ].join('\n'),
    choices: 'list_name,name,label::es',
  };
}

describe.each(DB_KINDS)('pii across form versions on %s', (kind) => {
  let t: TestServer;
  let eventId: string;
  beforeAll(async () => {
    t = await openServerForTest(kind);
    eventId = 'feria_pii';
    await createEvent(t.server.db, { id: eventId, name: 'Feria' });
    const v1 = readFormSheets(sheets('1'));
    await addForm(t.server.db, eventId, v1);
    const device = await t.enrol(eventId);
    const push = pusher(t, device);
    const answers = { nombre: NAME, correo: EMAIL, edad: 34 };
    await pushComplete(push, compileForm(v1), device, answers, '2026-11-20T10:00:00.000Z');
    const v2 = readFormSheets(sheets('2'));
    await addForm(t.server.db, eventId, v2);
    await pushComplete(
      push,
      compileForm(v2),
      device,
      { nombre: 'Otra', edad: 20 },
      '2026-11-20T11:00:00.000Z',
    );
  });
  afterAll(() => t.close());

  it('leaves the v1 name and e-mail out of a statistician’s export in every format', async () => {
    const token = await t.tokenFor('statistician');
    for (const format of ['csv', 'jsonl']) {
      const response = await fetch(new URL(`v1/exports/${FORM}?event=${eventId}&format=${format}`, t.url), {
        headers: {
          [HEADERS.protocol]: String(PROTOCOL_VERSION),
          [HEADERS.app]: 'quiosco-test/1',
          authorization: `Bearer ${token}`,
        },
      });
      const text = await response.text();
      expect(response.status).toBe(200);
      expect(text).toContain('edad');
      expect(text).not.toContain(NAME);
      expect(text).not.toContain(EMAIL);
      expect(text).not.toContain('nombre');
      expect(text).not.toContain('correo');
    }
  });

  it('leaves them out of a statistician’s data page in the console', async () => {
    const session = (await signedInRoles(t, ['statistician']))('statistician');
    const r = await session.call('GET', `/console/api/data/${FORM}?event=${eventId}`);
    expect(r.status).toBe(200);
    const page = DataResponseSchema.parse(r.body);
    expect(page.anonymised).toBe(true);
    expect(page.columns.map((c) => c.name)).toEqual(['edad']);
    expect(JSON.stringify(page)).not.toContain(NAME);
  });
});
