// A long list's search on the on-screen keyboard: once the visitor taps the search box and types,
// the search field and the first match sit on screen above the keyboard dock (bounding boxes), and
// on a portrait screen the question's heading too.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { answerChoice, beginSurvey, expectQuestion, next, tapKeyboard } from './support/kiosk-page';

const QUESTION = '¿En qué municipio vive?';

/** Inside the viewport, below the form's header and clear of the dock's top. */
async function expectAboveDock(page: Page, locator: Locator, what: string): Promise<void> {
  const [box, header, dock] = await Promise.all([
    locator.boundingBox(),
    page.locator('.form-header').boundingBox(),
    page.locator('.keyboard-dock').boundingBox(),
  ]);
  if (box === null || header === null || dock === null) throw new Error(`${what}: not on screen`);
  expect(box.y, `${what}: below the header`).toBeGreaterThanOrEqual(header.y + header.height - 0.5);
  expect(box.y + box.height, `${what}: above the keyboard`).toBeLessThanOrEqual(dock.y + 0.5);
  expect(box.x, what).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, what).toBeLessThanOrEqual((page.viewportSize()?.width ?? 0) + 0.5);
}

for (const { viewport, headingFits } of [
  { viewport: { width: 800, height: 1280 }, headingFits: true },
  // 1024×768 leaves too little height above the dock for the heading as well: it is scrolled away
  // only as far as the first match needs.
  { viewport: { width: 1024, height: 768 }, headingFits: false },
]) {
  test(`a list's search keeps its field and first match above the keyboard at ${viewport.width}×${viewport.height}`, async ({
    page,
    kiosk,
  }) => {
    await page.setViewportSize(viewport);
    await beginSurvey(page, kiosk.url);
    await answerChoice(page, 'México');
    await page.getByRole('radio', { name: 'Hidalgo', exact: true }).click();
    await next(page);
    await expectQuestion(page, QUESTION);
    const field = page.getByRole('searchbox', { name: 'Buscar en la lista' });
    await field.click();
    await tapKeyboard(page, 'san');
    const first = page.getByRole('radio', { name: 'San Agustín Metzquititlán' });
    await expect(page.getByRole('radio').first()).toHaveAccessibleName('San Agustín Metzquititlán');
    // The label is the tappable box around the radio.
    const firstBox = page.locator('label.choice', { has: first });
    await expectAboveDock(page, field, 'search field');
    await expectAboveDock(page, firstBox, 'first match');
    if (headingFits) await expectAboveDock(page, page.getByRole('heading', { name: QUESTION }), 'heading');
  });
}
