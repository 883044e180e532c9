// The preview transport against a real sync server (SQLite): the kiosk store walks a form
// through it with the signed-in console session, is thanked, and the server keeps every row;
// bad calls are refused exactly as the kiosk core refuses them; what needs a kiosk says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreviewPage } from '../../../shared/console/preview-api';
import { openServerForTest, type TestServer } from '../../../sync-server/testing/test-server';
import { PREVIEW_FORM, previewUpload } from '../../../sync-server/console/testing/preview-form';
import { rowCounts } from '../../../sync-server/console/testing/row-counts';
import { signedInRoles, type SignedIn } from '../../../sync-server/console/testing/signed-in';
import type { Role } from '../../../shared/sync/admin-api';
import { createKioskStore } from '../store/kiosk-store';
import { openPreviewForm } from './preview-start';
import { NOT_IN_PREVIEW, previewApi } from './preview-transport';

const NOW = new Date('2026-12-06T12:00:00Z');

describe('the preview transport', () => {
  let t: TestServer;
  let page: PreviewPage;
  let session: (role: Role) => SignedIn;
  beforeAll(async () => {
    t = await openServerForTest('sqlite');
    const eventId = await t.createEvent([]);
    session = await signedInRoles(t, ['coordinator', 'door_supervisor']);
    const uploaded = await session('coordinator').call(
      'POST',
      `/console/api/setup/forms?eventId=${eventId}`,
      {
        body: previewUpload(),
      },
    );
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(200);
    page = { eventId, formId: PREVIEW_FORM.formId, version: PREVIEW_FORM.version };
  });
  afterAll(() => t.close());

  /** The browser's fetch on the console's origin, with the role's session cookie. */
  const api = (role: Role, language = 'en') =>
    previewApi({
      page,
      language,
      now: () => NOW,
      newId: () => '0193a000-0000-7000-8000-000000000001',
      fetchImpl: (path, init) =>
        fetch(new URL(String(path).slice(1), t.url), { ...init, headers: { cookie: session(role).cookie } }),
    });

  it('walks the form in the language asked for, skip logic included, to the thank-you, writing nothing', async () => {
    const before = await rowCounts(t.server.db.db);
    const preview = api('coordinator');
    const saved: unknown[] = [];
    const store = createKioskStore({
      now: () => NOW,
      api: (channel, input) => {
        if (channel === 'submission:save') saved.push(input);
        return preview(channel, input);
      },
    });
    await openPreviewForm(store, PREVIEW_FORM.formId);
    const state = () => store.getState();
    expect([state().screen, state().session?.language]).toEqual(['form', 'en']);
    state().setAnswer('primera', 'no');
    await state().goNext();
    state().setAnswer('veces', 'muchas');
    await state().goNext();
    state().setAnswer('fruta', 'pera');
    await state().goNext();
    expect(state().session?.reviewing).toBe(true);
    await state().submit();
    expect([state().screen, state().thanks]).toEqual([
      'thanks',
      { kind: 'survey', language: 'en', passId: null },
    ]);
    // The skip-logic question was asked because this visitor came before.
    expect(saved).toEqual([
      expect.objectContaining({
        answers: expect.objectContaining({ primera: 'no', veces: 'muchas', fruta: 'pera' }),
      }),
    ]);
    expect(await rowCounts(t.server.db.db)).toEqual(before);
  });

  it('refuses what the kiosk core refuses, with its words', async () => {
    const call = api('coordinator');
    expect((await call('kiosk:bootstrap', {})).ok).toBe(true);
    const save = {
      formId: PREVIEW_FORM.formId,
      formVersion: PREVIEW_FORM.version,
      language: 'es',
      answers: { primera: 'si' },
      complete: true,
      startedAt: NOW.toISOString(),
    };
    expect(await call('submission:save', save)).toEqual({
      ok: false,
      error: {
        code: 'answers_invalid',
        message: '1 answer(s) do not satisfy the form: fruta (required)',
        details: { issues: [expect.objectContaining({ path: 'fruta', code: 'required' })] },
      },
    });
    expect(await call('submission:save', { ...save, deviceId: 'x' } as never)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'submission:save: ✖ Unrecognized key: "deviceId"' },
    });
    expect(await call('submission:save', { ...save, formVersion: '2' })).toEqual({
      ok: false,
      error: {
        code: 'form_not_found',
        message: `Form ${PREVIEW_FORM.formId} version 2 is not the one in this preview`,
      },
    });
    expect(await call('submission:save', { ...save, answers: { primera: 'si', fruta: 'pera' } })).toEqual({
      ok: true,
      value: { id: '0193a000-0000-7000-8000-000000000001', passId: null, savedAt: NOW.toISOString() },
    });
  });

  it('answers photos and staff calls "not in preview", and passes on the server refusing a door supervisor', async () => {
    const call = api('coordinator');
    const notInPreview = { ok: false, error: { code: 'forbidden', message: NOT_IN_PREVIEW } };
    expect(
      await call('attachment:save', { token: 'a'.repeat(20), mime: 'image/png', base64: 'AA==' }),
    ).toEqual(notInPreview);
    expect(await call('staff:unlock', { pin: '1234' })).toEqual(notInPreview);
    expect(await api('door_supervisor')('kiosk:bootstrap', {})).toEqual({
      ok: false,
      error: {
        code: 'forbidden',
        message: 'The door_supervisor role may not do this; it needs admin or coordinator or statistician',
      },
    });
  });
});
