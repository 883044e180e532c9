// geotrace and geoshape at the kiosk in Chromium: points typed in and added one by one, the last
// taken back, the shape closed as ODK stores it; the saved answers are read from the kiosk's SQLite.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, expectAccessible, storedSubmissions, test as base } from './support/fixtures';
import { makeKioskData, startKiosk, type RunningKiosk } from './support/kiosk-process';
import { expectQuestion, next } from './support/kiosk-page';

const test = base.extend<{ kiosk: RunningKiosk }>({
  kiosk: async ({}, use) => {
    const forms = mkdtempSync(path.join(os.tmpdir(), 'quiosco-geo-'));
    writeFileSync(
      path.join(forms, 'recorrido.survey.csv'),
      'type,name,label\ngeotrace,camino,Camino\ngeoshape,predio,Predio\n',
    );
    writeFileSync(
      path.join(forms, 'recorrido.settings.csv'),
      'form_id,version,form_title\nrecorrido,1,Recorrido del sitio\n',
    );
    const kiosk = await startKiosk(makeKioskData(forms));
    rmSync(forms, { recursive: true, force: true });
    await use(kiosk);
    await kiosk.stop();
  },
});

async function addPoint(page: Page, latitude: string, longitude: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Latitud' }).fill(latitude);
  await page.getByRole('textbox', { name: 'Longitud' }).fill(longitude);
  await page.getByRole('button', { name: 'Agregar este punto' }).click();
}

test('a line and an area are marked point by point and saved as ODK stores them', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  // One language: the form opens without the language screen.
  await page.getByRole('button', { name: /Recorrido del sitio/ }).click();

  await expectQuestion(page, 'Camino');
  await expect(page.getByRole('status').filter({ hasText: 'puntos marcados' })).toHaveText(
    '0 puntos marcados',
  );
  await addPoint(page, '20.1', '-98.7');
  await expect(page.getByText('1 punto marcado', { exact: true })).toBeVisible();
  await addPoint(page, '20.2', '-98.7');
  await addPoint(page, '25', '-90');
  await expect(page.getByRole('listitem')).toHaveText([
    '20.10000, -98.70000',
    '20.20000, -98.70000',
    '25.00000, -90.00000',
  ]);
  await page.getByRole('button', { name: 'Quitar el último punto' }).click();
  await expect(page.getByText('2 puntos marcados', { exact: true })).toBeVisible();
  await expectAccessible(page, 'geotrace');
  await next(page);

  await expectQuestion(page, 'Predio');
  await addPoint(page, '20.1', '-98.7');
  await addPoint(page, '20.2', '-98.7');
  await addPoint(page, '20.2', '-98.8');
  await expect(page.getByText('3 puntos marcados', { exact: true })).toBeVisible();
  await next(page);

  await page.getByRole('button', { name: 'Enviar' }).click();
  await expect(page.getByRole('heading', { name: '¡Gracias!' })).toBeVisible();
  const [saved, ...rest] = storedSubmissions(kiosk);
  expect(rest).toEqual([]);
  expect(saved?.answers).toEqual({
    camino: '20.1 -98.7 0 0;20.2 -98.7 0 0',
    predio: '20.1 -98.7 0 0;20.2 -98.7 0 0;20.2 -98.8 0 0;20.1 -98.7 0 0',
  });
});
