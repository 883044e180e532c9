// Bad input through dispatch: every refusal is an exact error and writes nothing; odd but valid
// text is stored exactly as sent.
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/ipc/result';
import { openKioskCore, type KioskCore } from './kiosk-core';
import { initKiosk } from './kiosk-setup';
import {
  countRows,
  initTestKiosk,
  makeTempDir,
  readSubmission,
  SURVEY_ANSWERS,
  surveySave,
  writeFreeTextForm,
} from './testing/kiosk-fixtures';

let dir: ReturnType<typeof makeTempDir>;
let core: KioskCore;
const logged: unknown[] = [];
afterEach(() => {
  core.close();
  dir.remove();
  logged.length = 0;
});

/** A kiosk with the demo forms plus one with an unconstrained text question. */
async function open(): Promise<{ formId: string; version: string }> {
  dir = makeTempDir();
  const forms = makeTempDir();
  const free = writeFreeTextForm(forms.path);
  await initTestKiosk(dir.path);
  await initKiosk({ dataDir: dir.path, formsDir: forms.path });
  forms.remove();
  core = openKioskCore({ dataDir: dir.path, logError: (_message, error) => logged.push(error) });
  return free;
}

/** Dispatches a call that must be refused, and checks it wrote nothing. */
async function refused(
  channel: string,
  input: unknown,
): Promise<Extract<Result<unknown>, { ok: false }>['error']> {
  const before = countRows(dir.path);
  const result = await core.dispatch(channel, input);
  expect(countRows(dir.path)).toEqual(before);
  if (result.ok) throw new Error(`${channel} was accepted`);
  return result.error;
}

async function storedAnswers(input: unknown): Promise<unknown> {
  const result = await core.dispatch('submission:save', input);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  const { id } = result.value as { id: string };
  const { submission, outbox } = readSubmission(dir.path, id);
  expect(outbox).toHaveLength(1);
  return JSON.parse(String(submission?.answers));
}

const freeSave = (form: { formId: string; version: string }, texto: string) => ({
  ...surveySave({ texto }),
  formId: form.formId,
  formVersion: form.version,
});

describe('dispatch refuses bad calls without writing', () => {
  it('an unknown channel', async () => {
    await open();
    expect(await refused('submission:delete', {})).toEqual({
      code: 'unknown_channel',
      message: 'No channel named "submission:delete"',
    });
  });

  it('input of the wrong types, naming the fields', async () => {
    await open();
    expect(
      await refused('submission:save', { ...surveySave(), complete: 'yes', language: 'Français!' }),
    ).toEqual({
      code: 'invalid_input',
      message:
        'submission:save: ✖ not a language code\n  → at language\n✖ Invalid input: expected boolean, received string\n  → at complete',
      details: {
        issues: [
          { path: 'language', message: 'not a language code' },
          { path: 'complete', message: 'Invalid input: expected boolean, received string' },
        ],
      },
    });
  });

  it('answers of a type no question can have', async () => {
    await open();
    const error = await refused('submission:save', surveySave({ acepta: { nested: true } } as never));
    expect(error.code).toBe('invalid_input');
    expect(error.details).toEqual({ issues: [{ path: 'answers.acepta', message: 'Invalid input' }] });
  });

  it('extra keys', async () => {
    await open();
    expect(await refused('submission:save', { ...surveySave(), deviceId: 'spoofed' })).toEqual({
      code: 'invalid_input',
      message: 'submission:save: ✖ Unrecognized key: "deviceId"',
      details: { issues: [{ path: '', message: 'Unrecognized key: "deviceId"' }] },
    });
  });

  it('input that is not an object at all', async () => {
    await open();
    for (const input of [undefined, null, 'submission', 42, [surveySave()]]) {
      const error = await refused('submission:save', input);
      expect(error.code).toBe('invalid_input');
      expect(error.message).toMatch(/^submission:save: ✖ Invalid input: expected object, received /);
    }
  });

  it('a text answer longer than any form allows (20,000 characters)', async () => {
    const form = await open();
    expect(await refused('submission:save', freeSave(form, 'x'.repeat(20_001)))).toEqual({
      code: 'invalid_input',
      message: 'submission:save: ✖ Too big: expected string to have <=20000 characters\n  → at answers.texto',
      details: {
        issues: [{ path: 'answers.texto', message: 'Too big: expected string to have <=20000 characters' }],
      },
    });
  });

  it('a 10,000-character answer where the form caps it at 500', async () => {
    await open();
    const error = await refused(
      'submission:save',
      surveySave({ ...SURVEY_ANSWERS, comentarios: 'y'.repeat(10_000) }),
    );
    expect(error).toEqual({
      code: 'answers_invalid',
      message: '1 answer(s) do not satisfy the form: comentarios (constraint)',
      details: {
        issues: [
          {
            path: 'comentarios',
            code: 'constraint',
            message: { es: 'Máximo 500 caracteres', en: '500 characters at most' },
          },
        ],
      },
    });
  });

  it('a failure inside a handler becomes "internal" and is logged, not thrown', async () => {
    await open();
    core.close();
    const result = await core.dispatch('submission:save', surveySave());
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'internal',
        message: 'submission:save failed unexpectedly; the error is in the kiosk log',
      },
    });
    expect(String(logged[0])).toContain('The database connection is not open');
  });
});

describe('dispatch stores unusual text verbatim', () => {
  it('10,000 characters', async () => {
    const form = await open();
    const text = 'Lorem ipsum dolor sit amet. '.repeat(400).slice(0, 10_000);
    expect(text).toHaveLength(10_000);
    expect(await storedAnswers(freeSave(form, text))).toEqual({ texto: text });
  });

  it('emoji, right-to-left text and control characters', async () => {
    const form = await open();
    const text = 'مرحبا 👩‍🍳 ¡Olé! \u200f\u202e mañana\n\ttab \u0000 nul';
    expect(await storedAnswers(freeSave(form, text))).toEqual({ texto: text });
  });

  it('SQL-looking and markup-looking strings', async () => {
    const form = await open();
    for (const text of [
      "'); DROP TABLE submissions;--",
      'Robert"); DELETE FROM outbox; --',
      '<script>alert(1)</script>',
      '${acepta}',
    ]) {
      expect(await storedAnswers(freeSave(form, text))).toEqual({ texto: text });
    }
    expect(countRows(dir.path)).toEqual({ submissions: 4, outbox: 4 });
  });
});
