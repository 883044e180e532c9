// Records of all three demo forms, pushed by two kiosks through the real push endpoint, with what
// makes exports hard: skipped questions, an incomplete record, repeats, accents, emoji, quotes,
// commas, line breaks, a formula-looking text and a kiosk name that looks like one too.
import { v7 as uuidv7 } from 'uuid';
import { compileForm, validateSubmission, type CompiledForm } from '../../../shared/forms/engine';
import type { Answers } from '../../../shared/forms/form-definition';
import { demoFormSheets, type DemoForm } from '../../../shared/forms/node/demo-forms';
import { SURVEY_LONGEST_PATH } from '../../../shared/forms/node/sample-answers';
import { readXlsFormCsv } from '../../../shared/forms/xlsform-csv';
import { PushResponseSchema, type SubmissionPayload } from '../../../shared/sync/protocol';
import type { TestDevice, TestServer } from '../../testing/test-server';

export const SURVEY = 'encuesta_impacto_economico';
export const REGISTRATION = 'registro_visitantes';
export const HERITAGE = 'patrimonio_inmaterial';

export const TRICKY_TEXT = 'Muy "rico", todo 😋\nVolveré, sin duda; ¡ñandú!';
export const FORMULA_TEXT = '=HYPERLINK("http://evil.example","clic")';
export const KIOSK_NAMES = ['Entrada norte (Pachuca)', '=Quiosco "Sur", 2'] as const;

export type Draft = {
  form: DemoForm;
  answers: Answers;
  device: 0 | 1;
  createdAt: string;
  language?: 'es' | 'en';
  complete?: boolean;
};

const DRAFTS: Draft[] = [
  {
    form: 'encuesta-impacto-economico',
    device: 0,
    createdAt: '2026-11-20T16:03:00.000Z',
    answers: { ...SURVEY_LONGEST_PATH, comentarios: TRICKY_TEXT },
  },
  {
    // From abroad, first visit, no overnight stay: estado, municipio, veces_anteriores,
    // como_se_entero_otro, noches, hospedaje and gasto_hospedaje are skipped.
    form: 'encuesta-impacto-economico',
    device: 1,
    createdAt: '2026-11-21T02:30:00.000Z',
    language: 'en',
    answers: {
      acepta: 'si',
      pais: 'us',
      edad: '18_29',
      primera_vez: 'si',
      como_se_entero: ['radio_tv'],
      motivo: 'cultura',
      tamano_grupo: 1,
      transporte: 'autobus',
      pernocta: 'no',
      gasto_alimentos: 120.75,
      gasto_artesanias: 0,
      gasto_transporte: 35,
      gasto_otros: 0,
      satisfaccion: '4',
      recomendaria: 9,
      comentarios: FORMULA_TEXT,
    },
  },
  // Declined: every other question is skipped, a select_multiple among them.
  {
    form: 'encuesta-impacto-economico',
    device: 1,
    createdAt: '2026-11-21T18:00:00-06:00',
    answers: { acepta: 'no' },
  },
  {
    // Kept incomplete at the idle timeout: como_se_entero was asked but never answered.
    form: 'encuesta-impacto-economico',
    device: 0,
    createdAt: '2026-11-22T10:00:00.000Z',
    complete: false,
    answers: {
      acepta: 'si',
      pais: 'mx',
      estado: 'cdmx',
      edad: '60_mas',
      primera_vez: 'si',
      comentarios: '-5',
    },
  },
  {
    form: 'registro-visitantes',
    device: 0,
    createdAt: '2026-11-20T17:00:00.000Z',
    answers: {
      acepta_aviso: 'si',
      tipo_visitante: 'individual',
      nombre: 'José "Pepe" Núñez, Jr.',
      edad: '30_59',
      correo: 'pepe@example.com',
      estado: 'hgo',
      municipio: 'pachuca_de_soto',
      intereses: ['talleres', 'teatro'],
      boletin: 'si',
    },
  },
  {
    // A school group: nombre, edad and (no e-mail) boletin are skipped; intereses asked, unanswered.
    form: 'registro-visitantes',
    device: 1,
    createdAt: '2026-11-20T18:00:00.000Z',
    answers: {
      acepta_aviso: 'si',
      tipo_visitante: 'escuela',
      escuela: 'Primaria "Benito Juárez", turno matutino',
      cct: '13DPR0001X',
      responsable: 'Mtra. Ana Ávila',
      ninos: 30,
      adultos: 2,
      estado: 'mex',
    },
  },
  {
    form: 'patrimonio-inmaterial',
    device: 0,
    createdAt: '2026-11-20T19:00:00.000Z',
    answers: {
      consiente_registro: 'si',
      consiente_fotos: 'si',
      consiente_publicacion: 'si',
      nombre_portador: 'Doña María 🌽 Hernández',
      rol_portador: 'cocinera',
      comunidad: 'El Águila, Santiago',
      municipio: 'santiago_de_anaya',
      lenguas: ['espanol', 'hnahnu'],
      aprendio_de: 'Su abuela, "Mamá Tere"',
      ambito: 'cocina',
      nombre_practica: 'Escamoles a la mantequilla',
      descripcion:
        'Se recolectan en marzo.\r\nSe limpian, se fríen con mantequilla, epazote y chile; "sin prisa".',
      contexto: ['fiesta_patronal', 'muestra'],
      ingredientes: [
        {
          ingrediente: 'Escamoles',
          ingrediente_nombre_local: 'azcamolli',
          ingrediente_origen: 'recoleccion',
          ingrediente_temporada: ['primavera'],
        },
        { ingrediente: 'Mantequilla, sin sal', ingrediente_origen: 'compra_local' },
        { ingrediente: 'Epazote 🌿', ingrediente_origen: 'cultivo', ingrediente_temporada: ['todo_el_ano'] },
      ],
      fotos: [{ foto: 'att-0001', pie_foto: 'Limpieza,\npaso 1' }, { foto: 'att-0002' }],
      riesgo: 'vigente',
      registrado_por: 'Luis Ángel',
    },
  },
  {
    // An oral tradition without photos: both repeats are skipped.
    form: 'patrimonio-inmaterial',
    device: 1,
    createdAt: '2026-11-21T15:00:00.000Z',
    answers: {
      consiente_registro: 'si',
      consiente_fotos: 'no',
      consiente_publicacion: 'no',
      nombre_portador: 'Colectivo Xajä',
      rol_portador: 'colectivo',
      comunidad: 'San Nicolás',
      municipio: 'ixmiquilpan',
      lenguas: ['hnahnu', 'otra'],
      lengua_otra: 'Tének',
      ambito: 'tradicion_oral',
      nombre_practica: 'La leyenda del cerro',
      descripcion: 'Relato que se cuenta en las noches de diciembre, con variantes por familia.',
      riesgo: 'riesgo',
      registrado_por: 'Ana',
    },
  },
];

export type SeededExport = {
  eventId: string;
  devices: TestDevice[];
  /** What each form's records were stored as, in id order. */
  stored: Map<string, SubmissionPayload[]>;
};

const FORM_IDS: Record<DemoForm, string> = {
  'encuesta-impacto-economico': SURVEY,
  'registro-visitantes': REGISTRATION,
  'patrimonio-inmaterial': HERITAGE,
};

/** An event with the three demo forms, two kiosks and the records above, pushed over HTTP. */
export async function seedExportData(test: TestServer): Promise<SeededExport> {
  const eventId = await test.createEvent([
    'encuesta-impacto-economico',
    'registro-visitantes',
    'patrimonio-inmaterial',
  ]);
  const devices = [await test.enrol(eventId, KIOSK_NAMES[0]), await test.enrol(eventId, KIOSK_NAMES[1])];
  const stored = new Map<string, SubmissionPayload[]>();
  const pushers = new Map(devices.map((device) => [device, pusher(test, device)]));
  for (const draft of DRAFTS) {
    const device = devices[draft.device] as TestDevice;
    const payload = payloadOf(draft, device);
    await pushers.get(device)?.(payload);
    stored.set(payload.formId, [...(stored.get(payload.formId) ?? []), payload]);
  }
  for (const list of stored.values()) list.sort((a, b) => a.id.localeCompare(b.id));
  return { eventId, devices, stored };
}

/**
 * A stored record as exports give it back: a survey record that never reached the spending
 * questions keeps no gasto_total (the kiosk's 0 is an unfed calculation, see record-reach.ts).
 */
export function asExported(payload: SubmissionPayload): SubmissionPayload {
  const { gasto_total: total, ...answers } = payload.answers;
  const spent = Object.keys(answers).some((name) => name.startsWith('gasto_'));
  return total === undefined || spent ? payload : { ...payload, answers };
}

/** Pushes records one by one as the device's next outbox rows; a refused one fails the fixture. */
export function pusher(test: TestServer, device: TestDevice): (payload: SubmissionPayload) => Promise<void> {
  let seq = 0;
  return async (payload) => {
    seq++;
    const response = await test.call('POST', '/v1/sync/push', {
      token: device.token,
      body: { deviceId: device.deviceId, changes: [{ seq, kind: 'submission', id: payload.id, payload }] },
    });
    const result = PushResponseSchema.parse(response.body);
    if (result.rejected.length > 0) throw new Error(`fixture refused: ${JSON.stringify(result.rejected)}`);
  };
}

/**
 * Pushes a complete record of any form as a kiosk saves it (the engine's answers, calculations
 * filled in), made at `createdAt`; returns its id.
 */
export async function pushComplete(
  push: (payload: SubmissionPayload) => Promise<void>,
  form: CompiledForm,
  device: TestDevice,
  answers: Answers,
  createdAt: string,
): Promise<string> {
  const check = validateSubmission(form, answers, { complete: true, today: createdAt.slice(0, 10) });
  if (!check.ok) throw new Error(`fixture answers invalid: ${JSON.stringify(check.issues)}`);
  const id = uuidv7();
  await push({
    id,
    formId: form.definition.formId,
    formVersion: form.definition.version,
    deviceId: device.deviceId,
    eventId: device.eventId,
    language: 'es',
    complete: true,
    answers: check.answers,
    passId: null,
    privacyNoticeVersion: null,
    startedAt: createdAt,
    createdAt,
  });
  return id;
}

/** The record as a kiosk saves it: the engine's answers (calculations filled in). */
export function payloadOf(draft: Draft, device: TestDevice): SubmissionPayload {
  const form = compileForm(readXlsFormCsv(demoFormSheets(draft.form)));
  const complete = draft.complete ?? true;
  const check = validateSubmission(form, draft.answers, { complete, today: draft.createdAt.slice(0, 10) });
  if (!check.ok) throw new Error(`fixture answers invalid: ${JSON.stringify(check.issues)}`);
  return {
    id: uuidv7(),
    formId: FORM_IDS[draft.form],
    formVersion: form.definition.version,
    deviceId: device.deviceId,
    eventId: device.eventId,
    language: draft.language ?? 'es',
    complete,
    answers: check.answers,
    passId: null,
    privacyNoticeVersion: null,
    startedAt: draft.createdAt,
    createdAt: draft.createdAt,
  };
}
