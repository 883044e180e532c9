// A gate named with a RIGHT-TO-LEFT OVERRIDE (U+202E), as staff may type it in the kiosk's
// settings, must not turn the door screen's own words after it around: the locked screen's
// heading still reads "…: control de acceso" left to right after the name, with the same text (the
// name is isolated).
import { expect, test } from '../support/fixtures';
import { configureKiosk } from '../support/kiosk-process';
import { charLefts, leftToRight } from '../support/text-layout';

const GATE = 'Puerta \u202eNorte';

test('an overriding gate name leaves the words after it reading left to right', async ({ page, kiosk }) => {
  await configureKiosk(kiosk, (settings) => {
    settings.mode = 'door';
    settings.gate = GATE;
  });
  await page.goto(kiosk.url);
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText(`${GATE}: control de acceso`);
  const gate = await charLefts(heading, GATE);
  const words = await charLefts(heading, ': control de acceso');
  expect(words).toEqual(leftToRight(words));
  expect(Math.min(...words)).toBeGreaterThan(Math.max(...gate));
});
