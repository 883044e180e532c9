// Exports of field records on SQLite and PostgreSQL: current revisions by default (a conflict's
// all of them, flagged), every revision on request, photos in the bundle byte for byte, as links
// in XLSX and as { name, sha256, path } in JSON Lines, published records only on request, the
// report's thumbnails of published photos only, missing photos flagged, hostile text escaped.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HERITAGE, SURVEY } from './testing/export-fixtures';
import {
  HOSTILE_CAPTION,
  HOSTILE_EDITOR,
  HOSTILE_NAME,
  seedFieldRecords,
  type FieldRecords,
} from './testing/field-record-fixtures';
import { column, csvTable, exportBuffer, xlsxLinks, xlsxTables, type Table } from './testing/read-back';
import { readZip, unzipTo } from './testing/read-zip';
import { DB_KINDS, openServerForTest, type TestServer } from '../testing/test-server';
import { attachmentBytes } from '../attachments/attachment-store';
import { chunkRows } from '../testing/stored-photo';
import type { ExportQuery } from './export-options';
import { HEADERS, PROTOCOL_VERSION } from '../../shared/sync/protocol';

describe.each(DB_KINDS)('field record exports on %s', (kind) => {
  let test: TestServer;
  let seeded: FieldRecords;

  beforeAll(async () => {
    test = await openServerForTest(kind);
    seeded = await seedFieldRecords(test);
  });
  afterAll(async () => {
    await test.close();
  });

  const exported = (query: ExportQuery) =>
    exportBuffer(test.server.db, HERITAGE, { event: seeded.eventId, ...query });
  const csv = async (query: ExportQuery = {}) =>
    csvTable((await exported({ format: 'csv', ...query })).bytes);
  const ids = (...names: (keyof FieldRecords['revisions'])[]) => names.map((n) => seeded.revisions[n].id);
  const storedBytes = async (name: string) => {
    const chunks: Buffer[] = [];
    for await (const chunk of attachmentBytes(test.server.db, name)) chunks.push(chunk as Buffer);
    return { bytes: Buffer.concat(chunks) };
  };

  it('exports only current revisions by default, both of a conflict flagged', async () => {
    const main = await csv();
    expect(column(main, 'submission_id')).toEqual(ids('a2', 'b2', 'b3', 'c1'));
    const { a1, b1 } = seeded.revisions;
    expect(column(main, 'record_id')).toEqual([a1.id, b1.id, b1.id, seeded.revisions.c1.id]);
    expect(column(main, 'revision')).toEqual(['2', '2', '2', '1']);
    expect(column(main, 'current')).toEqual(['1', '1', '1', '1']);
    expect(column(main, 'conflict')).toEqual(['0', '1', '1', '0']);
    // A formula-looking editor is guarded like any text.
    expect(column(main, 'edited_by')).toEqual([`'${HOSTILE_EDITOR}`, 'Ana', 'Luis', '']);
  });

  it('--revisions all lists every revision with its parents', async () => {
    const main = await csv({ revisions: 'all' });
    expect(column(main, 'submission_id')).toEqual(ids('a1', 'a2', 'b1', 'b2', 'b3', 'c1'));
    const { a1, b1 } = seeded.revisions;
    expect(column(main, 'parents')).toEqual(['', a1.id, '', b1.id, b1.id, '']);
    expect(column(main, 'current')).toEqual(['0', '1', '0', '1', '1', '1']);
    expect(column(main, 'conflict')).toEqual(['0', '0', '0', '1', '1', '0']);
    const jsonl = (await exported({ format: 'jsonl', revisions: 'all' })).bytes.toString('utf8');
    const lines = jsonl
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[1]).toMatchObject({ record_id: a1.id, revision: 2, parents: [a1.id], current: true });
    expect(lines[1]?.edited_by).toBe(HOSTILE_EDITOR);
  });

  it('visitor forms have no revision columns', async () => {
    const survey = await exportBuffer(test.server.db, SURVEY, { format: 'csv', event: seeded.eventId });
    expect(csvTable(survey.bytes).header).not.toContain('record_id');
  });

  it('the bundle holds each exported photo in media/, byte for byte as stored; missing ones are flagged', async () => {
    const zip = readZip((await exported({ format: 'zip' })).bytes);
    const { small, large, unpublished, missing } = seeded.photos;
    const media = [...zip.keys()].filter((f) => f.startsWith('media/')).sort();
    expect(media).toEqual([small.name, large.name, unpublished.name].map((n) => `media/${n}`).sort());
    for (const photo of [small, large, unpublished]) {
      expect(zip.get(`media/${photo.name}`)?.equals(photo.bytes)).toBe(true);
      expect((await storedBytes(photo.name)).bytes.equals(photo.bytes)).toBe(true);
    }
    // Read across slices: PostgreSQL keeps the large photo as two rows (SQLite as a file).
    expect(await chunkRows(test.server.db, large.name)).toBe(kind === 'postgres' ? 2 : 0);
    const fotos = csvTable(zip.get(`${HERITAGE}-fotos.csv`) as Buffer);
    expect(column(fotos, 'foto')).toEqual([
      `media/${small.name}`,
      `media/${large.name}`,
      missing.name,
      `media/${large.name}`,
      `media/${unpublished.name}`,
      HOSTILE_NAME.replaceAll('\n', '\u2028'),
    ]);
    expect(column(fotos, 'foto.missing')).toEqual(['0', '0', '1', '0', '0', '1']);
    // The caption in the bundle's CSV: quoted, guarded none (it starts with "<"), line break as U+2028.
    expect(column(fotos, 'pie_foto')[0]).toBe(HOSTILE_CAPTION.replace('\n', '\u2028'));
  });

  it('R reads the unzipped bundle: revision columns as numbers, and every photo path that is not missing opens', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'quiosco-field-bundle-'));
    try {
      unzipTo((await exported({ format: 'zip' })).bytes, folder);
      const check = [
        `source("${HERITAGE}.R")`,
        `m <- ${HERITAGE}`,
        'cat(class(m$revision), class(m$conflict), m$conflict, "\\n")',
        'here <- fotos$foto[fotos$foto.missing == 0]',
        'cat(length(here), all(file.exists(here)), sum(fotos$foto.missing), "\\n")',
      ].join('\n');
      writeFileSync(join(folder, 'check.R'), check);
      const env = { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };
      const { stdout } = await promisify(execFile)('Rscript', ['--vanilla', 'check.R'], { cwd: folder, env });
      expect(stdout.split('\n').map((l) => l.trim())).toEqual(['integer integer 0 1 1 0', '4 TRUE 2', '']);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('CSV gives the relative path, JSON Lines the name, hash and path', async () => {
    const { small, missing } = seeded.photos;
    const fotos = await csv({ table: 'fotos' });
    expect(column(fotos, 'foto').slice(0, 3)).toEqual([
      `media/${small.name}`,
      expect.any(String),
      missing.name,
    ]);
    expect(column(fotos, 'pie_foto')[0]).toBe(HOSTILE_CAPTION);
    const lines = (await exported({ format: 'jsonl' })).bytes.toString('utf8').trimEnd().split('\n');
    const b2 = JSON.parse(lines[1] as string) as { answers: { fotos: { foto: unknown }[] } };
    expect(b2.answers.fotos.map((f) => f.foto)[1]).toEqual({
      name: missing.name,
      sha256: missing.name.slice(0, 64),
      path: null,
      missing: true,
    });
    const a2 = JSON.parse(lines[0] as string) as {
      answers: { fotos: { foto: unknown; pie_foto: string }[] };
    };
    expect(a2.answers.fotos[0]).toEqual({
      foto: {
        name: small.name,
        sha256: small.name.slice(0, 64),
        path: `media/${small.name}`,
        missing: false,
      },
      pie_foto: HOSTILE_CAPTION,
    });
    const c1 = JSON.parse(lines[3] as string) as { answers: { fotos: { foto: unknown }[] } };
    expect(c1.answers.fotos[1]?.foto).toEqual({
      name: HOSTILE_NAME,
      sha256: null,
      path: null,
      missing: true,
    });
  });

  it('XLSX makes a photo the server has a hyperlink to its relative path, and nothing else', async () => {
    const { bytes } = await exported({ format: 'xlsx' });
    const sheets = await xlsxTables(bytes);
    const fotos = sheets.get('fotos') as Table;
    const at = fotos.header.indexOf('foto');
    const letter = String.fromCharCode(65 + at);
    const links = await xlsxLinks(bytes);
    const { small, large, unpublished } = seeded.photos;
    expect(Object.fromEntries(links)).toEqual({
      [`fotos!${letter}2`]: `media/${small.name}`,
      [`fotos!${letter}3`]: `media/${large.name}`,
      [`fotos!${letter}5`]: `media/${large.name}`,
      [`fotos!${letter}6`]: `media/${unpublished.name}`,
    });
    expect(column(fotos, 'foto')[5]).toBe(HOSTILE_NAME);
    expect(column(fotos, 'pie_foto')[0]).toBe(HOSTILE_CAPTION);
    expect(column(sheets.get(HERITAGE) as Table, 'edited_by')[0]).toBe(HOSTILE_EDITOR);
  });

  it('published-only drops unpublished records and their photos', async () => {
    expect(column(await csv({ 'published-only': 'true' }), 'submission_id')).toEqual(ids('a2', 'b2', 'b3'));
    const zip = readZip((await exported({ format: 'zip', 'published-only': 'true' })).bytes);
    const media = [...zip.keys()].filter((f) => f.startsWith('media/'));
    expect(media).not.toContain(`media/${seeded.photos.unpublished.name}`);
    expect(media).toHaveLength(2);
    const fotos = csvTable(zip.get(`${HERITAGE}-fotos.csv`) as Buffer);
    expect(column(fotos, 'foto').join()).not.toContain(seeded.photos.unpublished.name);
  });

  it('published-only is refused for a form without a publication-consent question', async () => {
    await expect(
      exportBuffer(test.server.db, SURVEY, {
        format: 'csv',
        event: seeded.eventId,
        'published-only': 'true',
      }),
    ).rejects.toThrow(
      `published-only: form ${SURVEY} has no publication-consent question (a select_one named consiente_publicacion in the main table)`,
    );
  });

  it('the report shows thumbnails of published photos only: small ones embedded, larger ones linked', async () => {
    const html = (await exported({ format: 'report' })).bytes.toString('utf8');
    const { small, large, unpublished } = seeded.photos;
    const photos = html.slice(
      html.indexOf('Fotos publicadas'),
      html.indexOf('</section>', html.indexOf('Fotos publicadas')),
    );
    expect(photos).toContain(`<img src="data:image/png;base64,${small.bytes.toString('base64')}"`);
    expect(photos).toContain(`<a href="media/${large.name}">`);
    expect(html).not.toContain(unpublished.name);
    expect(html).not.toContain(unpublished.bytes.toString('base64'));
    expect(html).not.toMatch(/<script|<\/figcaption><script/);
    expect(photos).toContain('&#60;/figcaption&#62;&#60;script&#62;alert(&#34;x&#34;)');
    expect(photos.match(/<figure>/g)).toHaveLength(2);
  });

  it('an anonymised export has no photo: no column, no media, no thumbnail', async () => {
    const options = { anonymised: true };
    const zip = readZip(
      (await exportBuffer(test.server.db, HERITAGE, { format: 'zip', event: seeded.eventId }, options)).bytes,
    );
    expect([...zip.keys()].filter((f) => f.startsWith('media/'))).toEqual([]);
    expect(csvTable(zip.get(`${HERITAGE}-fotos.csv`) as Buffer).header).toEqual([
      'submission_id',
      'parent_key',
      'key',
      'instance',
      'pie_foto',
    ]);
    const report = await exportBuffer(
      test.server.db,
      HERITAGE,
      { format: 'report', event: seeded.eventId },
      options,
    );
    expect(report.bytes.toString('utf8')).not.toMatch(/Fotos publicadas|<img|media\//);
  });

  it('over HTTP the same words ask for every revision of published records only, and a bad value is refused', async () => {
    const headers = {
      [HEADERS.protocol]: String(PROTOCOL_VERSION),
      [HEADERS.app]: 'quiosco-test/1',
      authorization: `Bearer ${await test.tokenFor('statistician')}`,
    };
    const get = (query: string) =>
      fetch(new URL(`v1/exports/${HERITAGE}?event=${seeded.eventId}&${query}`, test.url), { headers });
    const response = await get('revisions=all&published-only=true');
    expect(response.status).toBe(200);
    const main = csvTable(Buffer.from(await response.arrayBuffer()));
    expect(column(main, 'submission_id')).toEqual(ids('a1', 'a2', 'b1', 'b2', 'b3'));
    const refused = await get('revisions=some');
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { field: string } }).error.field).toBe('revisions');
  });
});
