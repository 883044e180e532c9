// Every screen a visitor or staff member starts from fits the kiosk's screens, portrait and
// landscape: no sideways scrolling, every control on screen, nothing axe calls serious.
import type { Page } from '@playwright/test';
import { REGISTRATION_TITLE, expect, expectAccessible, test } from './support/fixtures';
import { answerChoice, beginRegistration, beginSurvey, next, tapKeypad } from './support/kiosk-page';
import { STAFF_PIN } from './support/kiosk-process';
import { KIOSK_VIEWPORTS } from './support/viewports';

type ControlBox = { label: string; left: number; right: number; top: number; bottom: number };

/** No horizontal scroll; every visible control inside the viewport (across only, where the page scrolls). */
async function expectFits(page: Page, screen: string, opts: { scrolls?: boolean } = {}): Promise<void> {
  await expect(page.locator('#root')).not.toHaveAttribute('aria-disabled', 'true');
  const size = page.viewportSize();
  if (!size) throw new Error('no viewport');
  // A string, not a function: this file is type-checked without the DOM library.
  const { scrollWidth, clientWidth } = await page.evaluate<{ scrollWidth: number; clientWidth: number }>(
    '({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth })',
  );
  expect(scrollWidth, `${screen}: sideways scroll`).toBeLessThanOrEqual(clientWidth);
  const boxes = await page
    .locator('button, input, textarea, select, a[href]')
    .evaluateAll((elements): ControlBox[] =>
      elements
        .filter((element) => element.getClientRects().length > 0)
        .map((element) => {
          const rect = element.getBoundingClientRect();
          const label = element.getAttribute('aria-label') ?? element.textContent ?? element.tagName;
          return {
            label: label.trim(),
            left: rect.left,
            right: rect.right,
            top: rect.top,
            bottom: rect.bottom,
          };
        }),
    );
  expect(boxes.length, `${screen}: controls`).toBeGreaterThan(0);
  const outside = boxes.filter(
    (box) =>
      box.left < 0 ||
      box.right > size.width + 0.5 ||
      (!opts.scrolls && (box.top < 0 || box.bottom > size.height + 0.5)),
  );
  expect(outside, `${screen}: controls outside the viewport`).toEqual([]);
  await expectAccessible(page, screen);
}

/** The idle time's stepper: both buttons at least 48 px, on one row, each label on one line. */
async function expectStepperReadable(page: Page): Promise<void> {
  const tops: number[] = [];
  for (const name of ['Menos tiempo', 'Más tiempo']) {
    const button = page.getByRole('button', { name, exact: true });
    const box = await button.boundingBox();
    if (box === null) throw new Error(`${name}: not on screen`);
    expect(box.width, name).toBeGreaterThanOrEqual(48);
    expect(box.height, name).toBeGreaterThanOrEqual(48);
    tops.push(box.y);
  }
  // Each label's lines as laid out (a string, like expectFits's: no DOM library in this project).
  const lines = await page.evaluate<number[]>(
    `[...document.querySelectorAll('.stepper .button')].map((button) => {
      const range = document.createRange();
      range.selectNodeContents(button);
      return range.getClientRects().length;
    })`,
  );
  expect(lines, 'lines of each label').toEqual([1, 1]);
  expect(tops[0], 'both buttons on one row').toBe(tops[1]);
}

for (const viewport of KIOSK_VIEWPORTS) {
  const name = `${viewport.width}×${viewport.height}`;

  test.describe(name, () => {
    test.use({ viewport });

    test(`attract, language and pass screens fit at ${name}`, async ({ page, kiosk }) => {
      await page.goto(kiosk.url);
      await expect(page.getByRole('button', { name: REGISTRATION_TITLE })).toBeVisible();
      await expectFits(page, 'attract');
      await page.getByRole('button', { name: REGISTRATION_TITLE }).click();
      await expect(page.getByRole('heading', { name: 'Elija su idioma' })).toBeVisible();
      await expectFits(page, 'language');
      await page.getByRole('button', { name: 'Atrás' }).click();

      await beginRegistration(page, kiosk.url, 'Por mi cuenta');
      await page.keyboard.type('Ana Ruiz');
      await next(page);
      await answerChoice(page, '18 a 29 años');
      await next(page);
      await answerChoice(page, 'Puebla');
      await next(page); // the review of answers, where Enviar is
      await page.getByRole('button', { name: 'Enviar' }).click();
      await expect(page.getByText('Este es su pase de visitante')).toBeVisible();
      await expectFits(page, 'pass');
    });

    test(`survey keypad, spending hint, likert scale and review fit at ${name}`, async ({ page, kiosk }) => {
      await beginSurvey(page, kiosk.url);
      await answerChoice(page, 'Otro país');
      for (const label of ['Menos de 18', 'Prefiero no decir', 'Secundaria', 'No']) {
        await answerChoice(page, label);
      }
      await tapKeypad(page, '2');
      await expectFits(page, 'number keypad');
      await next(page);
      await answerChoice(page, 'Ya la conocía');
      await answerChoice(page, 'Comprar productos locales');
      await tapKeypad(page, '1');
      await next(page);
      await answerChoice(page, 'Taxi o plataforma');
      await answerChoice(page, 'No');
      await next(page);
      await expect(page.getByText('Si no gastó en algo escriba 0', { exact: false })).toHaveCount(2);
      await expectFits(page, 'spending hint with its required message');
      for (let i = 0; i < 4; i++) {
        await tapKeypad(page, '0');
        await next(page);
      }
      await expect(page.getByRole('radio', { name: 'Ni satisfecho ni insatisfecho' })).toBeVisible();
      await expectFits(page, 'likert scale');
      await answerChoice(page, 'Ni satisfecho ni insatisfecho');
      await tapKeypad(page, '7');
      await next(page);
      await next(page);
      await expect(page.getByRole('heading', { name: 'Revise sus respuestas' })).toBeVisible();
      await expectFits(page, 'review of answers', { scrolls: true });
    });

    test(`the staff screen fits at ${name}`, async ({ page, kiosk }) => {
      await page.goto(kiosk.url);
      await page.getByRole('button', { name: 'Personal', exact: true }).click();
      await tapKeypad(page, STAFF_PIN);
      await page.getByRole('button', { name: 'Entrar', exact: true }).click();
      await expect(page.getByRole('heading', { name: 'Estado del quiosco' })).toBeVisible();
      await expectFits(page, 'staff pin and status', { scrolls: true });
      for (const tab of ['Sincronización', 'Formularios', 'Ajustes del quiosco', 'Puerta']) {
        await page.getByRole('tab', { name: tab }).click();
        await expect(page.getByRole('tabpanel', { name: tab })).toBeVisible();
        await expectFits(page, `staff ${tab}`, { scrolls: true });
        if (tab === 'Ajustes del quiosco') await expectStepperReadable(page);
      }
    });
  });
}
