// Each test gets its own freshly initialised web kiosk process and a page on it.
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import path from 'node:path';
import type { Answers } from '../../shared/forms/form-definition';
import { makeKioskData, startKiosk, type RunningKiosk } from './kiosk-process';

export type StoredSubmission = {
  id: string;
  form_id: string;
  complete: number;
  language: string;
  pass_id: string | null;
  answers: Answers;
};

/** Reads what the kiosk wrote, straight from its SQLite file. */
export function storedSubmissions(kiosk: RunningKiosk): StoredSubmission[] {
  const db = new Database(path.join(kiosk.dataDir, 'kiosk.db'), { readonly: true });
  try {
    const rows = db
      .prepare('SELECT id, form_id, complete, language, pass_id, answers FROM submissions ORDER BY id')
      .all() as (Omit<StoredSubmission, 'answers'> & { answers: string })[];
    return rows.map((row) => ({ ...row, answers: JSON.parse(row.answers) as Answers }));
  } finally {
    db.close();
  }
}

export function outboxCount(kiosk: RunningKiosk): number {
  const db = new Database(path.join(kiosk.dataDir, 'kiosk.db'), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** No serious or critical axe violation on what the page shows now. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const severe = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${screen}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(severe).toEqual([]);
}

/** `test` with each kiosk set up with the forms in `formsDir()`, read when the test starts. */
export function testOnForms(formsDir: () => string | undefined) {
  return base.extend<{ kiosk: RunningKiosk }>({
    kiosk: async ({}, use) => {
      const kiosk = await startKiosk(makeKioskData(formsDir()));
      await use(kiosk);
      await kiosk.stop();
    },
  });
}

/** The demo forms. */
export const test = testOnForms(() => undefined);

export { expect };

export const SURVEY_TITLE = /Encuesta de impacto económico/;
export const REGISTRATION_TITLE = /Registro de visitantes/;
