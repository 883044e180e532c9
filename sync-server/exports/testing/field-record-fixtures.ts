// Heritage field records with what exports of them must get right: an edited record (two
// revisions), a conflict (two current revisions from one parent), a record whose publication was
// refused, photos on the server (one small enough to embed, one stored in two chunks), a photo
// still on its tablet, and a hostile caption, editor and photo name.
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { encodePng } from '../../../cli/demo-data/png-image';
import { demoPhoto, photoName, storeDemoPhoto } from '../../../cli/demo-data/demo-photos';
import type { Answers } from '../../../shared/forms/form-definition';
import type { SubmissionPayload } from '../../../shared/sync/protocol';
import type { TestDevice, TestServer } from '../../testing/test-server';
import { payloadOf, pusher } from './export-fixtures';

export const HOSTILE_CAPTION = '</figcaption><script>alert("x")</script> & =1+1, "sí"\nfin';
export const HOSTILE_EDITOR = '=Ana "la jefa" <b>';
export const HOSTILE_NAME = '"><img src=x onerror=alert(1)>.png';

export type Photo = { name: string; bytes: Buffer };
type Revision = 'a1' | 'a2' | 'b1' | 'b2' | 'b3' | 'c1';

export type FieldRecords = {
  eventId: string;
  device: TestDevice;
  revisions: Record<Revision, SubmissionPayload>;
  /** On the server: small (embeddable), large (two chunks), unpublished; not on it: missing. */
  photos: Record<'small' | 'large' | 'unpublished' | 'missing', Photo>;
};

/** 300 × 300 pixels of noise: about 270 KB that do not compress, so two stored chunks. */
function noisePhoto(): Buffer {
  const noise = Buffer.concat(
    Array.from({ length: 8500 }, (_, i) => createHash('sha256').update(String(i)).digest()),
  );
  return encodePng(300, 300, (x, y) => {
    const at = (y * 300 + x) * 3;
    return [noise[at] ?? 0, noise[at + 1] ?? 0, noise[at + 2] ?? 0];
  });
}

const photo = (bytes: Buffer): Photo => ({ name: photoName(bytes), bytes });

function answers(publish: 'si' | 'no', fotos: Answers[], descripcion: string): Answers {
  return {
    consiente_registro: 'si',
    consiente_fotos: 'si',
    consiente_publicacion: publish,
    nombre_portador: 'Doña Rosa Martínez',
    rol_portador: 'cocinera',
    comunidad: 'El Arenal',
    municipio: 'actopan',
    lenguas: ['espanol'],
    ambito: 'tradicion_oral',
    nombre_practica: 'Relatos del cerro',
    descripcion,
    fotos,
    riesgo: 'vigente',
    registrado_por: 'Luis Ángel',
  };
}

export async function seedFieldRecords(test: TestServer): Promise<FieldRecords> {
  const eventId = await test.createEvent(['patrimonio-inmaterial', 'encuesta-impacto-economico']);
  const device = await test.enrol(eventId, 'Tableta de campo');
  const photos = {
    small: photo(demoPhoto(11)),
    large: photo(noisePhoto()),
    unpublished: photo(demoPhoto(12)),
    missing: photo(demoPhoto(13)),
  };
  const push = pusher(test, device);
  const revision = async (
    form: Answers,
    createdAt: string,
    base?: { of: SubmissionPayload; editedBy: string },
  ): Promise<SubmissionPayload> => {
    const payload: SubmissionPayload = {
      ...payloadOf({ form: 'patrimonio-inmaterial', device: 0, createdAt, answers: form }, device),
      id: uuidv7(),
      ...(base && {
        recordId: base.of.recordId ?? base.of.id,
        revision: (base.of.revision ?? 1) + 1,
        parents: [base.of.id],
        editedBy: base.editedBy,
      }),
    };
    await push(payload);
    return payload;
  };
  const text = 'Relatos que se cuentan en las noches de diciembre, con variantes por familia.';
  const a1 = await revision(
    answers('si', [{ foto: photos.small.name, pie_foto: HOSTILE_CAPTION }], text),
    '2026-11-20T16:00:00.000Z',
  );
  const a2 = await revision(
    answers('si', [{ foto: photos.small.name, pie_foto: HOSTILE_CAPTION }], `${text} Revisado.`),
    '2026-11-21T16:00:00.000Z',
    { of: a1, editedBy: HOSTILE_EDITOR },
  );
  const b1 = await revision(answers('si', [{ foto: photos.large.name }], text), '2026-11-20T17:00:00.000Z');
  const b2 = await revision(
    answers(
      'si',
      [{ foto: photos.large.name }, { foto: photos.missing.name, pie_foto: 'aún en la tableta' }],
      text,
    ),
    '2026-11-21T17:00:00.000Z',
    { of: b1, editedBy: 'Ana' },
  );
  const b3 = await revision(
    answers('si', [{ foto: photos.large.name }], `${text} Otra versión.`),
    '2026-11-21T17:30:00.000Z',
    { of: b1, editedBy: 'Luis' },
  );
  const c1 = await revision(
    answers('no', [{ foto: photos.unpublished.name }, { foto: HOSTILE_NAME }], text),
    '2026-11-20T18:00:00.000Z',
  );
  const at = new Date('2026-11-22T00:00:00.000Z');
  for (const { name, bytes } of [photos.small, photos.large, photos.unpublished])
    await storeDemoPhoto(test.server.db, name, bytes, at);
  return { eventId, device, revisions: { a1, a2, b1, b2, b3, c1 }, photos };
}
