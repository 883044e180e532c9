import { describe, expect, it } from 'vitest';
import { KEEP_ACKNOWLEDGED_DAYS, type KioskSettings } from '../../../shared/kiosk/kiosk-settings';
import type { StaffConfig } from '../store/staff-slice';
import {
  GATE_MAX_LENGTH,
  draftFromConfig,
  draftProblem,
  editGate,
  moveForm,
  settingsFromDraft,
  stepIdleTimeout,
  updateForm,
} from './settings-draft';

const settings: KioskSettings = {
  deviceName: 'Quiosco 1',
  eventId: 'feria_libro_2026',
  offeredForms: [
    { formId: 'registro_visitantes', onIdle: 'discard' },
    { formId: 'encuesta_impacto_economico', onIdle: 'keep' },
  ],
  languages: ['es', 'en'],
  defaultLanguage: 'es',
  idleTimeoutSeconds: 90,
  idleWarningSeconds: 20,
  privacyNotice: { version: '2026-01', url: 'https://cultura.hidalgo.gob.mx/aviso' },
  mode: 'visitor',
  gate: 'Puerta 1',
  keepAcknowledgedDays: KEEP_ACKNOWLEDGED_DAYS,
  requireSealedBundles: false,
};

const form = (formId: string) => ({
  formId,
  version: '2026110101',
  title: { es: formId },
  kind: 'survey' as const,
});
const config: StaffConfig = {
  settings,
  availableForms: [
    form('encuesta_impacto_economico'),
    form('patrimonio_inmaterial'),
    form('registro_visitantes'),
  ],
};

const ids = (draft: ReturnType<typeof draftFromConfig>) =>
  draft.forms.map((f) => `${f.formId}:${f.offered ? 'on' : 'off'}`);

describe('settings draft', () => {
  it('lists offered forms first in their order, then the others', () => {
    expect(ids(draftFromConfig(config))).toEqual([
      'registro_visitantes:on',
      'encuesta_impacto_economico:on',
      'patrimonio_inmaterial:off',
    ]);
  });

  it('drops an offered form that is no longer installed', () => {
    const draft = draftFromConfig({ ...config, availableForms: [form('encuesta_impacto_economico')] });
    expect(ids(draft)).toEqual(['encuesta_impacto_economico:on']);
  });

  it('moves forms up and down, not past the ends', () => {
    const draft = draftFromConfig(config);
    expect(ids(moveForm(draft, 'encuesta_impacto_economico', -1))[0]).toBe('encuesta_impacto_economico:on');
    expect(moveForm(draft, 'registro_visitantes', -1)).toBe(draft);
    expect(moveForm(draft, 'patrimonio_inmaterial', 1)).toBe(draft);
    expect(ids(moveForm(draft, 'registro_visitantes', 1))).toEqual([
      'encuesta_impacto_economico:on',
      'registro_visitantes:on',
      'patrimonio_inmaterial:off',
    ]);
  });

  it('turns the draft into settings: offered forms in order with their idle behaviour', () => {
    let draft = draftFromConfig(config);
    draft = updateForm(draft, 'patrimonio_inmaterial', { offered: true, onIdle: 'keep' });
    draft = moveForm(draft, 'patrimonio_inmaterial', -1);
    draft = updateForm(draft, 'registro_visitantes', { offered: false });
    draft = { ...stepIdleTimeout(draft, 2), defaultLanguage: 'en' };
    expect(settingsFromDraft(settings, draft)).toEqual({
      ...settings,
      offeredForms: [
        { formId: 'patrimonio_inmaterial', onIdle: 'keep' },
        { formId: 'encuesta_impacto_economico', onIdle: 'keep' },
      ],
      idleTimeoutSeconds: 120,
      defaultLanguage: 'en',
    });
  });

  it('keeps the idle timeout within what the settings allow', () => {
    const draft = draftFromConfig(config);
    expect(stepIdleTimeout(draft, -100).idleTimeoutSeconds).toBe(15);
    expect(stepIdleTimeout(draft, 1000).idleTimeoutSeconds).toBe(3600);
  });

  it('turns a visitor kiosk into a door with its gate name, trimmed', () => {
    const draft = editGate({ ...draftFromConfig(config), mode: 'door' }, '  Puerta Norte ');
    expect(draftProblem(draft)).toBeNull();
    expect(settingsFromDraft(settings, draft)).toEqual({ ...settings, mode: 'door', gate: 'Puerta Norte' });
  });

  it('will not save a door without a gate name', () => {
    const draft = editGate(
      { ...draftFromConfig({ ...config, settings: { ...settings, mode: 'door' } }) },
      '   ',
    );
    expect(draft.mode).toBe('door');
    expect(draftProblem(draft)).toBe('gateMissing');
    // A visitor kiosk does not use the name: a blank one keeps the old.
    const visitor = { ...draft, mode: 'visitor' as const };
    expect(draftProblem(visitor)).toBeNull();
    expect(settingsFromDraft(settings, visitor)).toMatchObject({ mode: 'visitor', gate: 'Puerta 1' });
  });

  it('requires sealed USB bundles once staff tick the box (unset reads as not required)', () => {
    const { requireSealedBundles: _, ...unset } = settings;
    const draft = draftFromConfig({ ...config, settings: unset });
    expect(draft.requireSealedBundles).toBe(false);
    const ticked = settingsFromDraft(unset, { ...draft, requireSealedBundles: true });
    expect(ticked).toEqual({ ...unset, requireSealedBundles: true });
    expect(draftFromConfig({ ...config, settings: ticked }).requireSealedBundles).toBe(true);
  });

  it('keeps the gate name within what the settings allow', () => {
    const draft = editGate(draftFromConfig(config), 'P'.repeat(GATE_MAX_LENGTH + 10));
    expect(draft.gate).toBe('P'.repeat(GATE_MAX_LENGTH));
  });
});
