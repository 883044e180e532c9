// Shared by the core's tests, the durability child and the save benchmark: real kiosks in
// temporary directories, and answers the demo forms accept.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { Answers } from '../../../shared/forms/form-definition';
import type { ChannelInput } from '../../../shared/ipc/contract';
import { kioskDatabasePath, openKioskDatabase } from '../db/kiosk-database';
import { createKioskCore, openKioskCore, type KioskCore, type KioskCoreOptions } from '../kiosk-core';
import { initKiosk, type InitKioskOptions } from '../kiosk-setup';

export const DEMO_FORMS_DIR = fileURLToPath(new URL('../../../demo/forms', import.meta.url));
export const TEST_PIN = '246813';
export const FORM_VERSION = '2026110101';

export function makeTempDir(prefix = 'quiosco-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A data directory set up like `quiosco kiosk init --forms demo/forms --pin TEST_PIN`. */
export async function initTestKiosk(dataDir: string, options: Partial<InitKioskOptions> = {}): Promise<void> {
  await initKiosk({ dataDir, formsDir: DEMO_FORMS_DIR, pin: TEST_PIN, ...options });
}

export async function openTestKiosk(dataDir: string, options: KioskCoreOptions = {}): Promise<KioskCore> {
  await initTestKiosk(dataDir);
  return openKioskCore({ dataDir, ...options });
}

/**
 * A kiosk on its own database with `count` survey responses saved at `now`, unlocked by staff; the
 * database stays open for the test's checks. Close the core and remove the directory after.
 */
export async function kioskWithSavedSurveys(count: number, now: Date) {
  const dir = makeTempDir();
  await initTestKiosk(dir.path);
  const db = openKioskDatabase(dir.path);
  const core = createKioskCore(db, { now: () => now, sync: { auto: false } });
  const unlocked = await core.call('staff:unlock', { pin: TEST_PIN });
  if (!unlocked.ok) throw new Error(unlocked.error.message);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const saved = await core.call('submission:save', surveySave());
    if (!saved.ok) throw new Error(saved.error.message);
    ids.push(saved.value.id);
  }
  return { dir, db, core, token: unlocked.value.token, ids };
}

/** A complete economic-impact survey: from Hidalgo, first visit, not staying overnight. */
export const SURVEY_ANSWERS = {
  acepta: 'si',
  pais: 'mx',
  estado: 'hgo',
  municipio: 'actopan',
  edad: '30_44',
  primera_vez: 'si',
  como_se_entero: ['redes', 'otro'],
  como_se_entero_otro: 'Me contó mi tía',
  motivo: 'gastronomia',
  tamano_grupo: 4,
  transporte: 'auto',
  pernocta: 'no',
  gasto_alimentos: 850.5,
  gasto_artesanias: 300,
  gasto_transporte: 400,
  gasto_otros: 0,
  satisfaccion: '5',
  recomendaria: 10,
};

/** A complete individual visitor registration. */
export const REGISTRATION_ANSWERS = {
  acepta_aviso: 'si',
  tipo_visitante: 'individual',
  nombre: 'Ana López',
  edad: '30_59',
  estado: 'hgo',
  municipio: 'pachuca_de_soto',
};

export { NEVER_SYNCED } from '../../../shared/ipc/testing/sync-status';

export const surveySave = (
  answers: Answers = SURVEY_ANSWERS,
  complete = true,
): ChannelInput<'submission:save'> => ({
  formId: 'encuesta_impacto_economico',
  formVersion: FORM_VERSION,
  language: 'es',
  answers,
  complete,
  startedAt: '2026-11-20T16:00:00.000Z',
});

/**
 * Writes a form with one unconstrained text question and one number into `dir`, for storing
 * long and unusual text verbatim (the demo forms cap their text lengths).
 */
export function writeFreeTextForm(dir: string): { formId: string; version: string } {
  writeFileSync(
    join(dir, 'libre.survey.csv'),
    'type,name,label::es,label::en,required\ntext,texto,Texto,Text,no\ninteger,numero,Número,Number,no\n',
  );
  writeFileSync(join(dir, 'libre.choices.csv'), 'list_name,name,label::es,label::en\n');
  writeFileSync(
    join(dir, 'libre.settings.csv'),
    'form_id,version,form_title::es,form_title::en,default_language,kind\nlibre,1,Libre,Free,es,survey\n',
  );
  return { formId: 'libre', version: '1' };
}

/** Row counts read through a separate connection, as a second process would see them. */
export function countRows(dataDir: string): { submissions: number; outbox: number } {
  const db = new Database(kioskDatabasePath(dataDir), { readonly: true });
  try {
    const count = (table: string) =>
      db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n ?? 0;
    return { submissions: count('submissions'), outbox: count('outbox') };
  } finally {
    db.close();
  }
}

/** One stored submission row with its outbox row, through a separate connection. */
export function readSubmission(dataDir: string, id: string) {
  const db = new Database(kioskDatabasePath(dataDir), { readonly: true });
  try {
    type Row = Record<string, unknown>;
    const submission = db.prepare<[string], Row>('SELECT * FROM submissions WHERE id = ?').get(id);
    const outbox = db.prepare<[string], Row>('SELECT * FROM outbox WHERE entity_id = ?').all(id);
    return { submission, outbox };
  } finally {
    db.close();
  }
}
