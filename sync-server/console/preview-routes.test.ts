// The console's form preview on the server, over real HTTP on SQLite and PostgreSQL: the
// preview's bootstrap (one kiosk with just that version, in the language asked for), the
// version's images beside the page, the page itself; who may see them, and exact refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PreviewBootstrapResponseSchema,
  previewBootstrapUrl,
  previewPageUrl,
} from '../../shared/console/preview-api';
import { CONTENT_SECURITY_POLICY } from '../../shared/kiosk/content-security-policy';
import type { Role } from '../../shared/sync/admin-api';
import { ErrorBodySchema } from '../../shared/sync/protocol';
import { DB_KINDS, HERITAGE_FORM, openServerForTest, type TestServer } from '../testing/test-server';
import { PREVIEW_CSP } from './preview-routes';
import { builtDir } from './static';
import { PREVIEW_FORM, PREVIEW_MEDIA, previewUpload } from './testing/preview-form';
import { rowCounts } from './testing/row-counts';
import { signedInRoles, type SignedIn } from './testing/signed-in';

it("keeps the kiosk's content security policy, letting only the console (same origin) frame it", () => {
  expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  expect(PREVIEW_CSP).toBe(
    CONTENT_SECURITY_POLICY.replace("frame-ancestors 'none'", "frame-ancestors 'self'"),
  );
});

describe.each(DB_KINDS)('console form preview on %s', (kind) => {
  let t: TestServer;
  let eventId: string;
  let session: (role: Role) => SignedIn;
  beforeAll(async () => {
    t = await openServerForTest(kind);
    eventId = await t.createEvent(['patrimonio-inmaterial']);
    session = await signedInRoles(t, ['coordinator', 'statistician', 'door_supervisor']);
    const uploaded = await session('coordinator').call(
      'POST',
      `/console/api/setup/forms?eventId=${eventId}`,
      {
        body: previewUpload(),
      },
    );
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(200);
  });
  afterAll(() => t.close());

  const page = () => ({ eventId, formId: PREVIEW_FORM.formId, version: PREVIEW_FORM.version });
  const errorOf = (r: { status: number; body: unknown }) => [r.status, ErrorBodySchema.parse(r.body).error];
  /** A GET with the session's cookie, the body as bytes (pages and images are not JSON). */
  const fetchAs = (role: Role | null, path: string) =>
    fetch(new URL(path.slice(1), t.url), { headers: role === null ? {} : { cookie: session(role).cookie } });

  it('answers a bootstrap with just that form, in the language asked for, to the office', async () => {
    for (const role of ['coordinator', 'statistician'] as const) {
      const r = await session(role).call('GET', previewBootstrapUrl(page(), 'en'));
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const { bootstrap } = PreviewBootstrapResponseSchema.parse(r.body);
      expect(bootstrap.forms.map((f) => [f.formId, f.version, f.kind])).toEqual([
        [PREVIEW_FORM.formId, PREVIEW_FORM.version, 'survey'],
      ]);
      expect(bootstrap.settings).toMatchObject({
        eventId,
        defaultLanguage: 'en',
        offeredForms: [{ formId: PREVIEW_FORM.formId, onIdle: 'discard' }],
        mode: 'visitor',
      });
    }
    const plain = PreviewBootstrapResponseSchema.parse(
      (await session('coordinator').call('GET', previewBootstrapUrl(page(), undefined))).body,
    );
    expect(plain.bootstrap.settings.defaultLanguage).toBe('es');
  });

  it('refuses a door supervisor, a missing version, a heritage form and a bad language, exactly', async () => {
    expect(errorOf(await session('door_supervisor').call('GET', previewBootstrapUrl(page(), 'es')))).toEqual([
      403,
      {
        code: 'forbidden',
        message: 'The door_supervisor role may not do this; it needs admin or coordinator or statistician',
      },
    ]);
    expect(
      errorOf(
        await session('coordinator').call('GET', previewBootstrapUrl({ ...page(), version: '9' }, 'es')),
      ),
    ).toEqual([
      404,
      { code: 'not_found', message: `no form ${PREVIEW_FORM.formId} version 9 in ${eventId}` },
    ]);
    const heritage = { eventId, formId: HERITAGE_FORM.formId, version: HERITAGE_FORM.version };
    expect(errorOf(await session('coordinator').call('GET', previewBootstrapUrl(heritage, 'es')))).toEqual([
      400,
      {
        code: 'invalid_input',
        field: 'formId',
        message: `${HERITAGE_FORM.formId} is a field record (heritage): staff fill it in after the PIN, so the kiosk preview shows visitor forms only`,
      },
    ]);
    expect(
      errorOf(await session('coordinator').call('GET', previewBootstrapUrl(page(), 'Español!'))),
    ).toEqual([400, { code: 'invalid_input', field: 'language', message: 'language: not a language code' }]);
  });

  it("serves the version's images beside the page to the office only", async () => {
    const image = `${previewPageUrl(page())}form-media/${PREVIEW_FORM.formId}/pera.png`;
    const served = await fetchAs('statistician', image);
    expect([served.status, served.headers.get('content-type')]).toEqual([200, 'image/png']);
    expect(Buffer.from(await served.arrayBuffer()).equals(PREVIEW_MEDIA['pera.png'])).toBe(true);

    const missing = await fetchAs(
      'coordinator',
      `${previewPageUrl(page())}form-media/${PREVIEW_FORM.formId}/kiwi.png`,
    );
    expect([missing.status, await missing.json()]).toMatchObject([
      404,
      {
        error: {
          code: 'not_found',
          message: `no image kiwi.png in form ${PREVIEW_FORM.formId} version 3 of ${eventId}`,
        },
      },
    ]);
    const door = await fetchAs('door_supervisor', image);
    expect([door.status, ErrorBodySchema.parse(await door.json()).error.code]).toEqual([403, 'forbidden']);
    const nobody = await fetchAs(null, image);
    expect([nobody.status, ErrorBodySchema.parse(await nobody.json()).error]).toEqual([
      401,
      {
        code: 'unauthenticated',
        message: 'Send a token: Authorization: Bearer TOKEN',
        field: 'authorization',
      },
    ]);
  });

  it('refuses an image name or form id a kiosk refuses (a path, not PNG/JPEG, not a name), exactly', async () => {
    const media = (formId: string, mediaFormId: string, file: string) =>
      `${previewPageUrl({ ...page(), formId })}form-media/${mediaFormId}/${file}`;
    const refusal = async (path: string) => {
      const r = await fetchAs('coordinator', path);
      return errorOf({ status: r.status, body: await r.json() });
    };
    const form = PREVIEW_FORM.formId;
    expect(await refusal(media(form, form, '..%2Fx.png'))).toEqual([
      400,
      { code: 'invalid_input', field: 'file', message: 'file: not a PNG or JPEG file name' },
    ]);
    expect(await refusal(media(form, form, 'x.svg'))).toEqual([
      400,
      { code: 'invalid_input', field: 'file', message: 'file: not a PNG or JPEG file name' },
    ]);
    expect(await refusal(media('1bad', form, 'pera.png'))).toEqual([
      400,
      { code: 'invalid_input', field: 'formId', message: 'formId: not a valid XLSForm name' },
    ]);
    expect(await refusal(media(form, '1bad', 'pera.png'))).toEqual([
      400,
      { code: 'invalid_input', field: 'mediaFormId', message: 'mediaFormId: not a valid XLSForm name' },
    ]);
  });

  it('serves the page under its strict policy to the office, and never to a door supervisor', async () => {
    const door = await fetchAs('door_supervisor', previewPageUrl(page()));
    expect(door.status).toBe(403);
    const served = await fetchAs('coordinator', previewPageUrl(page(), 'en'));
    // The page is the renderer's build (npm run build); without it the server says how to make it.
    if (builtDir('preview') === undefined) {
      expect([served.status, await served.text()]).toEqual([
        503,
        'The form preview is not built: run npm run build',
      ]);
    } else {
      expect([served.status, served.headers.get('content-security-policy')]).toEqual([200, PREVIEW_CSP]);
      expect(await served.text()).toContain('src="/preview/assets/');
    }
  });

  it('writes nothing: every table keeps its rows through all of it', async () => {
    const before = await rowCounts(t.server.db.db);
    await session('coordinator').call('GET', previewBootstrapUrl(page(), 'es'));
    await fetchAs('coordinator', `${previewPageUrl(page())}form-media/${PREVIEW_FORM.formId}/durazno.png`);
    await fetchAs('coordinator', previewPageUrl(page()));
    expect(await rowCounts(t.server.db.db)).toEqual(before);
  });
});
