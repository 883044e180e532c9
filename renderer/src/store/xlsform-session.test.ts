// A visitor session on a real-world XLSForm: the form's own languages, defaults and start-time
// metadata at the start, triggers after a change, hidden questions never shown, answers kept
// across a change of language.
import { describe, expect, it } from 'vitest';
import { readXlsFormCsv } from '../../../shared/forms/xlsform-csv';
import { formView } from './form-view';
import { offeredLanguages, sessionForm } from './session-slice';
import { NOW, SETTINGS, readyStore } from './testing/scripted-kiosk';

const form = readXlsFormCsv({
  survey: [
    'type,name,label::Español (es),label::Hñähñu (oto),default,calculation,trigger,choice_filter',
    'start,inicio,,,,,,',
    'hidden,origen,,,quiosco,,,',
    'text,nombre,Nombre,Thuhu,,,,',
    'integer,edad,Edad,Je̲ya,18,,,',
    'text,saludo,Hola ${nombre},Ki hats’i ${nombre},,"concat(\'Hola \', ${nombre})",${nombre},',
    'select_one estados,estado,Estado,Estado,,,,',
    'select_one municipios,municipio,Municipio,Municipio,,,,estado=${estado}',
  ].join('\n'),
  choices: [
    'list_name,name,label::Español (es),label::Hñähñu (oto),estado',
    'estados,hgo,Hidalgo,Hidalgo,',
    'estados,pue,Puebla,Puebla,',
    'municipios,pachuca,Pachuca,Pachuca,hgo',
    'municipios,ixmiquilpan,Ixmiquilpan,Ñ’uhmu,hgo',
    'municipios,cholula,Cholula,Cholula,pue',
  ].join('\n'),
  settings: 'form_id,version,default_language\nferia_otomi,1,Hñähñu (oto)\n',
});

async function otomiStore(languages = SETTINGS.languages) {
  const settings = {
    ...SETTINGS,
    languages,
    offeredForms: [{ formId: 'feria_otomi', onIdle: 'keep' as const }],
  };
  const { store } = await readyStore(
    { 'kiosk:bootstrap': () => ({ ok: true, value: { deviceId: 'device-1', settings, forms: [form] } }) },
    [form],
  );
  store.getState().startForm('feria_otomi');
  return store;
}

describe('languages a kiosk offers for a form', () => {
  it("always offers a form's own languages; settings choose among Spanish and English", () => {
    expect(offeredLanguages(['oto', 'es', 'en'], ['es'])).toEqual(['oto', 'es']);
    expect(offeredLanguages(['es', 'en'], ['es', 'en'])).toEqual(['es', 'en']);
  });
});

describe('a session on an XLSForm', () => {
  it('offers Hñähñu and Spanish, starts with the defaults and the start time, unanswered', async () => {
    const store = await otomiStore();
    const { session, screen } = store.getState();
    expect(screen).toBe('language');
    expect(session).toMatchObject({
      languages: ['oto', 'es'],
      answers: { inicio: NOW.toISOString(), origen: 'quiosco', edad: 18 },
      touched: false,
    });
  });

  it('never shows hidden or metadata pages; reruns triggers; filters the cascading list', async () => {
    const store = await otomiStore();
    store.getState().chooseLanguage('oto');
    const view = () => {
      const { session } = store.getState();
      const compiled = sessionForm(store.getState())?.compiled;
      if (!session || !compiled) throw new Error('no session');
      return formView(compiled, session.answers, session.pageIndex);
    };
    expect(view().pages.map((page) => page.path)).toEqual([
      'nombre',
      'edad',
      'saludo',
      'estado',
      'municipio',
    ]);
    store.getState().setAnswer('nombre', 'Xua');
    expect(store.getState().session?.answers.saludo).toBe('Hola Xua');
    store.getState().setAnswer('estado', 'hgo');
    expect(view().evaluation.choiceOptions.get('municipio')).toEqual(['pachuca', 'ixmiquilpan']);
    expect(store.getState().session?.touched).toBe(true);
  });

  it('keeps the answers when the visitor changes language mid-form', async () => {
    const store = await otomiStore();
    store.getState().chooseLanguage('oto');
    store.getState().setAnswer('nombre', 'Xua');
    store.getState().showLanguages();
    expect(store.getState().screen).toBe('language');
    store.getState().chooseLanguage('es');
    expect(store.getState().session).toMatchObject({ language: 'es', answers: { nombre: 'Xua' } });
  });

  it('answers questions inside repeat_count instances by their paths', async () => {
    const counted = readXlsFormCsv({
      survey: [
        'type,name,label,repeat_count',
        'integer,n,¿Cuántos?,',
        'begin repeat,personas,Personas,${n}',
        'text,nombre,Nombre,',
        'end repeat,,,',
      ].join('\n'),
      choices: 'list_name,name,label\n',
      settings: 'form_id,version\nconteo,1\n',
    });
    const settings = { ...SETTINGS, offeredForms: [{ formId: 'conteo', onIdle: 'discard' as const }] };
    const { store } = await readyStore(
      { 'kiosk:bootstrap': () => ({ ok: true, value: { deviceId: 'd', settings, forms: [counted] } }) },
      [counted],
    );
    store.getState().startForm('conteo');
    store.getState().setAnswer('n', 2);
    store.getState().setAnswer('personas.1.nombre', 'Ana');
    const { session } = store.getState();
    const compiled = sessionForm(store.getState())?.compiled;
    if (!session || !compiled) throw new Error('no session');
    const view = formView(compiled, session.answers, 0);
    expect(view.pages.map((page) => page.path)).toEqual(['n', 'personas.0.nombre', 'personas.1.nombre']);
    expect(view.evaluation.values).toEqual({ n: 2, personas: [{}, { nombre: 'Ana' }] });
  });
});
