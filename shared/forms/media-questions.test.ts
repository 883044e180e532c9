// Audio, video and file questions load with their body::accept list (as pyxform names the column).
import { describe, expect, it } from 'vitest';
import type { QuestionType } from './form-definition';
import { isMediaQuestion } from './media-questions';
import { loadXlsFormCsv } from './xlsform-csv';

const load = (survey: string) => loadXlsFormCsv({ survey, choices: '', settings: 'form_id,version\nf,1' });

describe('media questions', () => {
  it('keep body::accept on file, audio and video questions only', () => {
    const { definition } = load(
      [
        'type,name,label,body::accept',
        'file,acta,Acta,".pdf,.csv"',
        'audio,voz,Voz,audio/*',
        'video,danza,Danza,',
        'text,nota,Nota,.pdf',
      ].join('\n'),
    );
    expect(definition.children.map((q) => (q.kind === 'question' ? [q.name, q.accept] : []))).toEqual([
      ['acta', '.pdf,.csv'],
      ['voz', 'audio/*'],
      ['danza', undefined],
      ['nota', undefined],
    ]);
  });

  it('image, audio, video and file answers name stored files; other types do not', () => {
    expect(
      ['image', 'audio', 'video', 'file', 'text', 'barcode'].map((type) =>
        isMediaQuestion({ type: type as QuestionType }),
      ),
    ).toEqual([true, true, true, true, false, false]);
  });
});
