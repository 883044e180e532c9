import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openKioskDatabase } from '../db/kiosk-database';
import type { KioskDb } from '../db/migrate';
import { DEMO_FORMS_DIR, makeTempDir } from '../testing/kiosk-fixtures';
import { FormFileError, loadForms } from './form-files';
import { createFormStore, FormVersionConflictError, importFormsFromDir } from './form-store';

let data: ReturnType<typeof makeTempDir>;
let forms: ReturnType<typeof makeTempDir>;
let db: KioskDb;
afterEach(() => {
  db.close();
  data.remove();
  forms.remove();
});

function setup(): void {
  data = makeTempDir();
  forms = makeTempDir();
  cpSync(DEMO_FORMS_DIR, forms.path, { recursive: true });
  db = openKioskDatabase(data.path);
}
const formCount = () => (db.prepare('SELECT count(*) AS n FROM forms').get() as { n: number }).n;
const edit = (file: string, from: string, to: string) => {
  const path = join(forms.path, file);
  writeFileSync(path, readFileSync(path, 'utf8').replace(from, to));
};

describe('importing forms', () => {
  it('installs every trio in a directory, and a second import changes nothing', () => {
    setup();
    const first = importFormsFromDir(db, forms.path);
    expect(first).toEqual([
      { formId: 'encuesta_impacto_economico', version: '2026110101', kind: 'survey', status: 'imported' },
      { formId: 'patrimonio_inmaterial', version: '2026110101', kind: 'heritage', status: 'imported' },
      { formId: 'registro_visitantes', version: '2026110101', kind: 'registration', status: 'imported' },
    ]);
    expect(importFormsFromDir(db, forms.path).map((f) => f.status)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
    ]);
    expect(formCount()).toBe(3);
  });

  it('refuses a changed definition under an installed version, importing none of the batch', () => {
    setup();
    importFormsFromDir(db, forms.path);
    edit('registro-visitantes.survey.csv', 'Nombre completo', 'Nombre y apellidos');
    writeFileSync(join(forms.path, 'nuevo.survey.csv'), 'type,name,label::es\ntext,a,A\n');
    writeFileSync(join(forms.path, 'nuevo.choices.csv'), 'list_name,name,label::es\n');
    writeFileSync(
      join(forms.path, 'nuevo.settings.csv'),
      'form_id,version,form_title::es,kind\nnuevo,1,Nuevo,survey\n',
    );
    expect(() => importFormsFromDir(db, forms.path)).toThrow(FormVersionConflictError);
    expect(() => importFormsFromDir(db, forms.path)).toThrow(
      'Form registro_visitantes version 2026110101 is already installed with a different definition; ' +
        'answers already saved refer to the installed one. Give the changed form a new version in its settings sheet.',
    );
    expect(formCount()).toBe(3);
  });

  it('installs a new version beside the old one; the newest import is what the kiosk offers', () => {
    setup();
    importFormsFromDir(db, forms.path);
    edit('registro-visitantes.survey.csv', 'Nombre completo', 'Nombre y apellidos');
    edit('registro-visitantes.settings.csv', '2026110101', '2026112001');
    expect(importFormsFromDir(db, forms.path).find((f) => f.formId === 'registro_visitantes')?.status).toBe(
      'imported',
    );
    const store = createFormStore(db);
    expect(store.latest('registro_visitantes')?.definition.version).toBe('2026112001');
    expect(store.get('registro_visitantes', '2026110101')?.definition.version).toBe('2026110101');
    expect(store.listInstalled().map((f) => `${f.formId}@${f.version}`)).toEqual([
      'encuesta_impacto_economico@2026110101',
      'patrimonio_inmaterial@2026110101',
      'registro_visitantes@2026112001',
    ]);
  });

  it('reads a trio without its choices file as a form without choices, refused where a list is needed', () => {
    setup();
    rmSync(join(forms.path, 'patrimonio-inmaterial.choices.csv'));
    expect(() => loadForms(forms.path)).toThrow(
      `${join(forms.path, 'patrimonio-inmaterial.survey.csv')}: survey!A3, column "type": unknown choice list "si_no"`,
    );
  });

  it('refuses a malformed sheet with its file, row and column', () => {
    setup();
    edit('encuesta-impacto-economico.survey.csv', 'integer,tamano_grupo', 'entero,tamano_grupo');
    let error: unknown;
    try {
      loadForms(forms.path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FormFileError);
    const file = join(forms.path, 'encuesta-impacto-economico.survey.csv');
    expect(error).toHaveProperty(
      'message',
      `${file}: survey!A20, column "type": unknown question type "entero"`,
    );
    expect(error).toMatchObject({
      file: join(forms.path, 'encuesta-impacto-economico.survey.csv'),
      sheetError: { sheet: 'survey', row: 20, column: 'type' },
    });
  });

  it('refuses two trios that define the same form version', () => {
    setup();
    for (const sheet of ['survey', 'choices', 'settings']) {
      cpSync(join(forms.path, `registro-visitantes.${sheet}.csv`), join(forms.path, `copia.${sheet}.csv`));
    }
    expect(() => loadForms(forms.path)).toThrow(
      `${join(forms.path, 'registro-visitantes.survey.csv')}: registro_visitantes version 2026110101 is also defined by ${join(forms.path, 'copia.survey.csv')}`,
    );
  });
});
