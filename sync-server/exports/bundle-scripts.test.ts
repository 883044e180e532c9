// The ZIP bundle's SPSS syntax run in GNU PSPP and its R script run in R, against the bundle's
// own CSV files: the labels and frequencies they report must be the stored data's.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, openServerForTest, type TestServer } from '../testing/test-server';
import { exportBuffer } from './testing/read-back';
import { unzipTo } from './testing/read-zip';
import {
  HERITAGE,
  REGISTRATION,
  SURVEY,
  TRICKY_TEXT,
  seedExportData,
  type SeededExport,
} from './testing/export-fixtures';

const run = promisify(execFile);
const UTF8 = { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };

/** PSPP's CSV output: "Table: TITLE" then rows; the rows of one table by its title. */
function psppTable(output: string, title: string): string[][] {
  const blocks = output.split(/\r?\n\r?\n/);
  const block = blocks.find((b) => b.startsWith(`Table: ${title}\n`) || b.startsWith(`Table: ${title}\r\n`));
  if (block === undefined) throw new Error(`no PSPP table "${title}" in:\n${output}`);
  return block
    .split(/\r?\n/)
    .slice(2)
    .map((line) => line.split(','));
}

/** Frequencies of a PSPP FREQUENCIES table: value label → count (missing rows left out). */
function frequencies(rows: string[][]): Record<string, number> {
  const counts: Record<string, number> = {};
  let section = '';
  for (const [group, label, count] of rows) {
    if (group) section = group;
    if (section === 'Valid' && label) counts[label] = Number(count);
  }
  return counts;
}

describe.each(DB_KINDS)('bundle scripts on %s', (kind) => {
  let test: TestServer;
  let seeded: SeededExport;
  let dir: string;

  beforeAll(async () => {
    test = await openServerForTest(kind);
    seeded = await seedExportData(test);
    dir = mkdtempSync(join(tmpdir(), 'quiosco-bundle-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await test.close();
  });

  /** The form's bundle unpacked in a folder of its own. */
  async function unpack(formId: string): Promise<{ folder: string; files: string[] }> {
    const { bytes, contentType } = await exportBuffer(test.server.db, formId, {
      format: 'zip',
      event: seeded.eventId,
    });
    expect(contentType).toBe('application/zip');
    const folder = join(dir, formId);
    return { folder, files: unzipTo(bytes, folder) };
  }

  async function pspp(folder: string, syntax: string, extra: string): Promise<string> {
    writeFileSync(join(folder, 'check.sps'), `${readFileSync(join(folder, syntax), 'utf8')}\n${extra}\n`);
    const { stdout, stderr } = await run('pspp', ['-O', 'format=csv', '-o', 'out.csv', 'check.sps'], {
      cwd: folder,
      env: UTF8,
    });
    // A warning (a value too wide, a bad number) would mean the declared formats are wrong.
    expect(`${stdout}${stderr}`).not.toMatch(/warning|error/i);
    return readFileSync(join(folder, 'out.csv'), 'utf8');
  }

  async function rscript(folder: string, script: string, extra: string): Promise<string> {
    writeFileSync(join(folder, 'check.R'), `source(${JSON.stringify(script)})\n${extra}\n`);
    const { stdout } = await run('Rscript', ['--vanilla', 'check.R'], { cwd: folder, env: UTF8 });
    return stdout;
  }

  it('the bundle holds every table, the codebook, the syntax, the script and the report', async () => {
    const { files } = await unpack(HERITAGE);
    expect(files.sort()).toEqual(
      [
        `${HERITAGE}.csv`,
        `${HERITAGE}-ingredientes.csv`,
        `${HERITAGE}-fotos.csv`,
        'codebook.csv',
        'codebook.md',
        `${HERITAGE}.sps`,
        `${HERITAGE}.R`,
        'report.html',
      ].sort(),
    );
  });

  it('PSPP reads the survey with its labels and counts as stored', async () => {
    const { folder } = await unpack(SURVEY);
    const output = await pspp(
      folder,
      `${SURVEY}.sps`,
      'FREQUENCIES VARIABLES=pais satisfaccion como_se_entero.redes complete.\nDISPLAY LABELS.',
    );
    expect(frequencies(psppTable(output, '¿En qué país vive?'))).toEqual({ México: 2, 'Estados Unidos': 1 });
    expect(frequencies(psppTable(output, '¿Qué tan satisfecho está con la Muestra?'))).toEqual({
      Satisfecho: 1,
      'Muy satisfecho': 1,
    });
    // Asked of three (answered by two, one incomplete), never asked of the one who declined.
    expect(frequencies(psppTable(output, '¿Cómo se enteró de la Muestra?: Redes sociales'))).toEqual({
      No: 2,
      Sí: 1,
    });
    expect(frequencies(psppTable(output, 'Completa (1) o guardada incompleta (0)'))).toEqual({
      Completa: 3,
      Incompleta: 1,
    });
    const labels = psppTable(output, 'Variables');
    expect(labels).toContainEqual(['gasto_total', expect.any(String), 'gasto_total']);
    expect(labels).toContainEqual(['escolaridad', expect.any(String), 'Último grado de estudios']);
  });

  it('PSPP reads the heritage record and its repeat tables as datasets of their own', async () => {
    const { folder } = await unpack(HERITAGE);
    const output = await pspp(
      folder,
      `${HERITAGE}.sps`,
      [
        'FREQUENCIES VARIABLES=ambito lenguas.hnahnu.',
        'DATASET ACTIVATE ingredientes.',
        'FREQUENCIES VARIABLES=ingrediente_origen.',
        'DATASET ACTIVATE fotos.',
        'FREQUENCIES VARIABLES=instance.',
      ].join('\n'),
    );
    expect(frequencies(psppTable(output, 'Ámbito del patrimonio inmaterial'))).toEqual({
      'Tradiciones y expresiones orales': 1,
      'Cocina tradicional': 1,
    });
    expect(frequencies(psppTable(output, 'Lenguas que habla: Hñähñu (otomí)'))).toEqual({ Sí: 2 });
    expect(frequencies(psppTable(output, '¿Cómo se obtiene?'))).toEqual({
      Recolección: 1,
      'Compra en la región': 1,
      'Cultivo propio': 1,
    });
    expect(frequencies(psppTable(output, 'Número de repetición'))).toEqual({ '1': 1, '2': 1 });
  });

  it('R reads the survey as factors with labels, and every text exactly as stored', async () => {
    const { folder } = await unpack(SURVEY);
    const output = await rscript(
      folder,
      `${SURVEY}.R`,
      [
        'd <- encuesta_impacto_economico',
        'f <- table(d$pais)',
        'cat(paste0("pais\\t", names(f), "\\t", f, "\\n"), sep = "")',
        'f <- table(d[["como_se_entero.redes"]])',
        'cat(paste0("redes\\t", names(f), "\\t", f, "\\n"), sep = "")',
        'cat("label\\t", attr(d$pais, "label"), "\\n", sep = "")',
        'cat("levels\\t", paste(levels(d$satisfaccion), collapse = "|"), "\\n", sep = "")',
        'cat("total\\t", paste(d$gasto_total, collapse = "|"), "\\n", sep = "")',
        'cat("class\\t", class(d$gasto_total), "\\n", sep = "")',
        'writeLines(d$comentarios[1], "comment.txt", useBytes = TRUE)',
        'writeLines(d$comentarios[2], "formula.txt", useBytes = TRUE)',
      ].join('\n'),
    );
    const lines = output.trim().split('\n');
    expect(lines).toContain('pais\tMéxico\t2');
    expect(lines).toContain('pais\tEstados Unidos\t1');
    // Every choice is a level, chosen or not.
    expect(lines).toContain('pais\tCanadá\t0');
    // 0/1 counts: asked of three, blank (NA) for the one who declined.
    expect(lines).toContain('redes\t0\t2');
    expect(lines).toContain('redes\t1\t1');
    expect(lines).toContain('label\t¿En qué país vive?');
    expect(lines).toContain(
      'levels\tMuy insatisfecho|Insatisfecho|Ni satisfecho ni insatisfecho|Satisfecho|Muy satisfecho',
    );
    // The incomplete record stopped before the spending: its gasto_total is blank, not 0.
    expect(lines).toContain('total\t2750.5|155.75|NA|NA');
    expect(lines).toContain('class\tnumeric');
    // Line breaks and the spreadsheet guard are undone: the texts are the stored ones.
    expect(readFileSync(join(folder, 'comment.txt'), 'utf8')).toBe(`${TRICKY_TEXT}\n`);
    expect(readFileSync(join(folder, 'formula.txt'), 'utf8')).toBe(
      `${seeded.stored.get(SURVEY)?.[1]?.answers.comentarios}\n`,
    );
  });

  it('R reads the registration and the heritage repeats, joined by submission_id', async () => {
    const registration = await unpack(REGISTRATION);
    const fromRegistration = await rscript(
      registration.folder,
      `${REGISTRATION}.R`,
      [
        'd <- registro_visitantes',
        'cat(paste0(d$tipo_visitante, "\\t", d[["intereses.talleres"]], "\\t", d$escuela, "\\n"), sep = "")',
      ].join('\n'),
    );
    expect(fromRegistration.trim().split('\n')).toEqual([
      'Por mi cuenta\t1\tNA',
      'Con mi escuela\t0\tPrimaria "Benito Juárez", turno matutino',
    ]);

    const heritage = await unpack(HERITAGE);
    const fromHeritage = await rscript(
      heritage.folder,
      `${HERITAGE}.R`,
      [
        'm <- merge(ingredientes, patrimonio_inmaterial[, c("submission_id", "nombre_practica")], by = "submission_id")',
        'm <- m[order(m$instance), ]',
        'cat(paste0(m$nombre_practica, "\\t", m$instance, "\\t", m$ingrediente, "\\t", m$ingrediente_origen, "\\n"), sep = "")',
        'writeLines(patrimonio_inmaterial$descripcion[1], "descripcion.txt", useBytes = TRUE)',
      ].join('\n'),
    );
    expect(fromHeritage.trim().split('\n')).toEqual([
      'Escamoles a la mantequilla\t1\tEscamoles\tRecolección',
      'Escamoles a la mantequilla\t2\tMantequilla, sin sal\tCompra en la región',
      'Escamoles a la mantequilla\t3\tEpazote 🌿\tCultivo propio',
    ]);
    expect(readFileSync(join(heritage.folder, 'descripcion.txt'), 'utf8')).toBe(
      `${seeded.stored.get(HERITAGE)?.[0]?.answers.descripcion}\n`,
    );
  });
});
