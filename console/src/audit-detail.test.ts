import { describe, expect, it } from 'vitest';
import { detailLabel, detailLines, plainText } from './audit-detail';
import type { Locale } from './i18n';
import { AUDIT } from './i18n-audit';
import { SETUP } from './i18n-setup';

// The words the audit page gives: its own catalogue and the users page's role names.
const words = (locale: Locale) => ({ ...AUDIT[locale], roleNames: SETUP[locale].roleNames });

/** Each line's key and label, and its whole and cut values as the text the page shows. */
const flat = (locale: Locale, detail: Record<string, unknown>) =>
  detailLines(words(locale), detail).map(({ key, label, pieces, short }) => ({
    key,
    label,
    text: plainText(pieces),
    short: short === undefined ? undefined : plainText(short),
  }));

/** Each line as the page shows it: "label: text". */
const shown = (locale: Locale, detail: Record<string, unknown>): string[] =>
  flat(locale, detail).map(({ label, text }) => `${label}: ${text}`);

describe('audit detail keys', () => {
  it('are labelled in es-MX and en, in the detail’s order, keeping each key', () => {
    const detail = { eventId: 'evt_1', name: 'Feria del Libro', capacity: 300 };
    expect(flat('es-MX', detail)).toEqual([
      { key: 'eventId', label: 'Evento', text: 'evt_1' },
      { key: 'name', label: 'Nombre', text: 'Feria del Libro' },
      { key: 'capacity', label: 'Aforo', text: '300' },
    ]);
    expect(flat('en', detail)).toEqual([
      { key: 'eventId', label: 'Event', text: 'evt_1' },
      { key: 'name', label: 'Name', text: 'Feria del Libro' },
      { key: 'capacity', label: 'Capacity', text: '300' },
    ]);
  });

  it('label the keys the CLI and exports write, hyphenated ones included', () => {
    const detail = { 'utc-offset': '-06:00', 'published-only': true, complete: false, backup: 'q.db' };
    expect(shown('es-MX', detail)).toEqual([
      'Desfase UTC: -06:00',
      'Solo publicables: Sí',
      'Solo completos: No',
      'Respaldo: q.db',
    ]);
    expect(shown('en', detail)).toEqual([
      'UTC offset: -06:00',
      'Publishable only: Yes',
      'Complete only: No',
      'Backup: q.db',
    ]);
  });

  it('show an unknown key as written, object-prototype names included', () => {
    // As the page gets it: parsed JSON, where "__proto__" is an own key like any other.
    const detail = JSON.parse(
      '{"futureKey":"x","constructor":"y","toString":"z","__proto__":"w","hasOwnProperty":1}',
    ) as Record<string, unknown>;
    expect(flat('es-MX', detail)).toEqual([
      { key: 'futureKey', label: 'futureKey', text: 'x' },
      { key: 'constructor', label: 'constructor', text: 'y' },
      { key: 'toString', label: 'toString', text: 'z' },
      { key: '__proto__', label: '__proto__', text: 'w' },
      { key: 'hasOwnProperty', label: 'hasOwnProperty', text: '1' },
    ]);
    expect(detailLabel(words('en'), 'futureKey')).toBe('futureKey');
    expect(detailLabel(words('en'), 'deviceId')).toBe('Kiosk');
  });

  it('give no line for an empty detail', () => {
    expect(flat('es-MX', {})).toEqual([]);
  });
});

describe('audit detail values', () => {
  it('name the known values of reason, via, status, mode, onError, columns and revisions', () => {
    const detail = {
      reason: 'unknown_user',
      via: 'cli',
      status: 'media_replaced',
      mode: 'door',
      onError: 'skip',
      columns: 'all',
      revisions: 'current',
    };
    expect(shown('es-MX', detail)).toEqual([
      'Motivo: usuario inexistente',
      'Desde: línea de comandos',
      'Resultado: imágenes reemplazadas',
      'Modo: puerta',
      'Ante un error: omitir la fila',
      'Columnas: todas',
      'Revisiones: vigentes',
    ]);
    expect(shown('en', detail)).toEqual([
      'Reason: unknown user',
      'Via: command line',
      'Result: images replaced',
      'Mode: door',
      'On error: skip the row',
      'Columns: all',
      'Revisions: current',
    ]);
  });

  it('show any other value as written: an unknown one, one known only under another key', () => {
    const detail = { reason: 'bad_password', via: 'constructor', mode: 'all', name: 'unknown_user' };
    expect(shown('es-MX', detail)).toEqual([
      'Motivo: bad_password',
      'Desde: constructor',
      'Modo: all',
      'Nombre: unknown_user',
    ]);
  });

  it('name roles by the users page’s names, an unknown role as written', () => {
    expect(shown('es-MX', { role: 'door_supervisor' })).toEqual(['Función: Supervisión de puerta']);
    expect(shown('en', { role: 'statistician' })).toEqual(['Role: Statistics']);
    expect(shown('en', { role: 'owner' })).toEqual(['Role: owner']);
    expect(shown('en', { role: 'toString' })).toEqual(['Role: toString']);
  });

  it('show booleans as Sí/No and Yes/No, nothing as —, numbers as JSON', () => {
    const detail = { archived: true, isDefault: false, expiresAt: null, count: 0, bytes: 1.5 };
    expect(shown('es-MX', detail)).toEqual([
      'Archivado: Sí',
      'Recinto predeterminado: No',
      'Vence: —',
      'Cantidad: 0',
      'Tamaño (bytes): 1.5',
    ]);
    expect(shown('en', { archived: true, isDefault: false })).toEqual(['Archived: Yes', 'Default venue: No']);
  });

  it('list arrays with commas, each item named by the key', () => {
    expect(shown('es-MX', { offeredForms: ['visitantes', 'prensa'], via: ['api', 'console'] })).toEqual([
      'Formularios ofrecidos: visitantes, prensa',
      'Desde: API, consola',
    ]);
  });

  it('show a nested object as its labelled pairs, values named by their own key', () => {
    const detail = { branding: { background: '#112233', mode: 'visitor', archived: false, logo: null } };
    expect(shown('es-MX', detail)).toEqual([
      'Imagen del evento: background: #112233; Modo: visitantes; Archivado: No; logo: —',
    ]);
    expect(shown('en', detail)).toEqual([
      'Branding: background: #112233; Mode: visitors; Archived: No; logo: —',
    ]);
  });
});

describe('audit detail changes', () => {
  it('show each changed field as "label: before → after", values named and booleans as yes/no', () => {
    const detail = {
      deviceId: 'dev_1',
      changes: {
        name: ['Feria', 'Feria 2026'],
        capacity: [null, 500],
        allowReentry: [false, true],
        mode: ['visitor', 'door'],
        offeredForms: [['registro'], ['registro', 'encuesta']],
      },
    };
    expect(shown('es-MX', detail)).toEqual([
      'Quiosco: dev_1',
      'Cambios: Nombre: Feria → Feria 2026; Aforo: — → 500; Permite reingreso: No → Sí; ' +
        'Modo: visitantes → puerta; Formularios ofrecidos: registro → registro, encuesta',
    ]);
    expect(shown('en', detail)).toEqual([
      'Kiosk: dev_1',
      'Changes: Name: Feria → Feria 2026; Capacity: — → 500; Re-entry allowed: No → Yes; ' +
        'Mode: visitors → door; Forms offered: registro → registro, encuesta',
    ]);
  });

  it('show an empty list as — like nothing, as a new kiosk’s first forms are written', () => {
    const detail = { deviceId: 'dev_1', offeredForms: [], changes: { offeredForms: [[], ['registro']] } };
    expect(shown('es-MX', detail)).toEqual([
      'Quiosco: dev_1',
      'Formularios ofrecidos: —',
      'Cambios: Formularios ofrecidos: — → registro',
    ]);
    expect(shown('en', { changes: { offeredForms: [['registro'], []] } })).toEqual([
      'Changes: Forms offered: registro → —',
    ]);
  });

  it('show a field that is not a [before, after] pair as its value, an unknown field as written', () => {
    const detail = { changes: { name: 'Feria', futureField: [1, 2, 3], timeZone: ['America/Mexico_City'] } };
    expect(shown('en', detail)).toEqual([
      'Changes: Name: Feria; futureField: 1, 2, 3; Time zone: America/Mexico_City',
    ]);
  });

  it('show changes that are not an object as any other value', () => {
    expect(shown('es-MX', { changes: ['a', true] })).toEqual(['Cambios: a, Sí']);
    expect(shown('es-MX', { changes: null })).toEqual(['Cambios: —']);
    expect(shown('es-MX', { changes: 'renamed' })).toEqual(['Cambios: renamed']);
    expect(shown('es-MX', { changes: 3 })).toEqual(['Cambios: 3']);
  });
});

describe('long audit detail values', () => {
  it('are whole up to 120 characters, with nothing cut', () => {
    const text = 'x'.repeat(120);
    expect(flat('es-MX', { table: text })).toEqual([
      { key: 'table', label: 'Tabla', text, short: undefined },
    ]);
  });

  it('are cut to 120 characters and … past that, the whole text kept for the full view', () => {
    // A page of record ids, as a personal-data read writes it: 10 × 20 characters and 9 × ", ".
    const ids = Array.from({ length: 10 }, (_, i) => `rec_0000000000000${i}`.padEnd(20, 'a'));
    const [line] = flat('en', { records: ids });
    const whole = ids.join(', ');
    expect(whole).toHaveLength(218);
    expect(line).toEqual({
      key: 'records',
      label: 'Records',
      text: whole,
      short: `${ids.slice(0, 5).join(', ')}, ${ids[5]?.slice(0, 10)}…`,
    });
    expect(line?.short).toHaveLength(121);
  });

  it('are cut by characters, never leaving half of an emoji', () => {
    // "a" then 150 emoji, each two UTF-16 units: a cut at 120 units would end on half of one.
    const text = `a${'😀'.repeat(150)}`;
    const [line] = flat('es-MX', { name: text });
    expect(line?.text).toBe(text);
    expect(line?.short).toBe(`a${'😀'.repeat(119)}…`);
  });

  it('cut the changes line as a whole', () => {
    const long = 'N'.repeat(200);
    const [line] = flat('es-MX', { changes: { name: ['Feria', long] } });
    expect(line?.text).toBe(`Nombre: Feria → ${long}`);
    expect(line?.short).toBe(`Nombre: Feria → ${'N'.repeat(104)}…`);
  });
});

describe('hostile detail text', () => {
  it('stays the plain text it was, in keys, values and changes', () => {
    const script = '<script>alert(1)</script>';
    const override = 'abc\u202edef';
    const detail = {
      name: script,
      [script]: override,
      changes: { name: [override, '<img src=x onerror=alert(1)>'] },
    };
    expect(flat('es-MX', detail)).toEqual([
      { key: 'name', label: 'Nombre', text: script },
      { key: script, label: script, text: override },
      {
        key: 'changes',
        label: 'Cambios',
        text: `Nombre: ${override} → <img src=x onerror=alert(1)>`,
      },
    ]);
  });

  it('keeps each value a piece of its own, apart from the console’s words around it', () => {
    const override = 'abc\u202edef';
    const detail = {
      name: override,
      changes: { name: [override, 'Feria'], capacity: [null, 300] },
      venue: { name: override, open: true },
      records: [override, 'rec_2'],
      role: 'admin',
    };
    expect(detailLines(words('es-MX'), detail).map((line) => line.pieces)).toEqual([
      [{ value: override }],
      [
        'Nombre: ',
        { value: override },
        ' → ',
        { value: 'Feria' },
        '; ',
        'Aforo: ',
        '—',
        ' → ',
        { value: '300' },
      ],
      ['Nombre: ', { value: override }, '; ', 'open: ', 'Sí'],
      [{ value: override }, ', ', { value: 'rec_2' }],
      ['Administración'],
    ]);
  });

  it('cuts a long value inside its piece, the … outside it', () => {
    const long = `\u202e${'N'.repeat(200)}`;
    const [line] = detailLines(words('es-MX'), { changes: { name: ['Feria', long] } });
    expect(line?.short).toEqual([
      'Nombre: ',
      { value: 'Feria' },
      ' → ',
      { value: `\u202e${'N'.repeat(103)}` },
      '…',
    ]);
  });
});
