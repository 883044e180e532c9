// Field records in tests, the durability child and the autosave benchmark: tiny real images,
// heritage answers the demo form accepts, and calls through a kiosk core with a staff session.
import { createHash } from 'node:crypto';
import type { Answers } from '../../../shared/forms/form-definition';
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/ipc/contract';
import { openKioskDatabase } from '../db/kiosk-database';
import type { KioskCore } from '../kiosk-core';
import { FORM_VERSION, makeTempDir, openTestKiosk, TEST_PIN } from './kiosk-fixtures';

/** A 4×2 JPEG and a 4×2 PNG as ffmpeg encodes them (whole files, a few hundred bytes). */
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAgAAAQABAAD//gAQTGF2YzU5LjM3LjEwMAD/2wBDAAgKCgsKCw0NDQ0NDRAPEBAQEBAQEBAQEBASEhIVFRUSEhIQEBISFBQVFRcXFxUVFRUXFxkZGR4eHBwjIyQrKzP/xABMAAEBAAAAAAAAAAAAAAAAAAAABgEBAQAAAAAAAAAAAAAAAAAABQcQAQAAAAAAAAAAAAAAAAAAAAARAQAAAAAAAAAAAAAAAAAAAAD/wAARCAACAAQDASIAAhEAAxEA/9oADAMBAAIRAxEAPwCeAAqI/9k=',
  'base64',
);
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAACCAIAAADwyuo0AAAACXBIWXMAAAABAAAAAQBPJcTWAAAAEElEQVR4nGPQbTkARwzIHACRaguJBEQiOgAAAABJRU5ErkJggg==',
  'base64',
);

/** A whole JPEG whose bytes differ per `seed` (a comment segment after SOI), so each is a new photo. */
export function testJpeg(seed: string | number = 0): Buffer {
  const text = Buffer.from(`foto ${seed}`, 'utf8');
  const comment = Buffer.alloc(4);
  comment.writeUInt16BE(0xfffe, 0);
  comment.writeUInt16BE(text.length + 2, 2);
  return Buffer.concat([JPEG.subarray(0, 2), comment, text, JPEG.subarray(2)]);
}

/** The JPEG of `seed` padded to `size` bytes inside its scan data: still SOI…EOI. */
export function bigJpeg(size: number, seed: string | number = 'big'): Buffer {
  const jpeg = testJpeg(seed);
  const padding = Buffer.alloc(size - jpeg.length);
  return Buffer.concat([jpeg.subarray(0, -2), padding, jpeg.subarray(-2)]);
}

export const attachmentName = (bytes: Buffer, ext: string = 'jpg') =>
  `${createHash('sha256').update(bytes).digest('hex')}.${ext}`;

export const HERITAGE_FORM = 'patrimonio_inmaterial';

/** A complete heritage record with photo consent; pass photo names for the `fotos` repeat. */
export function heritageAnswers(photos: string[] = [], overrides: Answers = {}): Answers {
  return {
    consiente_registro: 'si',
    consiente_fotos: 'si',
    consiente_publicacion: 'no',
    nombre_portador: 'Doña Rosa Martínez',
    rol_portador: 'cocinera',
    comunidad: 'El Mezquital',
    municipio: 'santiago_de_anaya',
    lenguas: ['espanol', 'hnahnu'],
    ambito: 'cocina',
    nombre_practica: 'Escamoles a la mantequilla',
    descripcion: 'Larvas de hormiga guisadas con mantequilla, epazote y chile verde.',
    ingredientes: [{ ingrediente: 'Escamoles', ingrediente_origen: 'recoleccion' }],
    ...(photos.length > 0 && { fotos: photos.map((foto, i) => ({ foto, pie_foto: `Foto ${i + 1}` })) }),
    riesgo: 'vigente',
    registrado_por: 'Luis Hernández',
    ...overrides,
  };
}

/** draft:save input for the heritage form, without the token. */
export const heritageDraft = (
  answers: Answers,
  extra: Partial<Omit<ChannelInput<'draft:save'>, 'token'>> = {},
): Omit<ChannelInput<'draft:save'>, 'token'> => ({
  formId: HERITAGE_FORM,
  formVersion: FORM_VERSION,
  language: 'es',
  answers,
  position: { path: 'nombre_portador' },
  startedAt: '2026-11-20T16:00:00.000Z',
  ...extra,
});

/** A staff session on `core`, and a caller that adds its token and fails loudly on an error. */
export async function staffCaller(core: KioskCore) {
  const unlocked = await core.call('staff:unlock', { pin: TEST_PIN });
  if (!unlocked.ok) throw new Error(`unlock failed: ${unlocked.error.message}`);
  const { token } = unlocked.value;
  const call = async <C extends Channel>(
    channel: C,
    input: Omit<ChannelInput<C>, 'token'>,
  ): Promise<ChannelOutput<C>> => {
    const result = await core.call(channel, { ...input, token } as ChannelInput<C>);
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
  return { token, call };
}

/** A test kiosk in a temporary directory on the clock `now`, a second handle on its database, and a staff caller. */
export async function openFieldKiosk(now: () => Date) {
  const dir = makeTempDir();
  const core = await openTestKiosk(dir.path, { now });
  const db = openKioskDatabase(dir.path);
  const close = () => {
    db.close();
    core.close();
    dir.remove();
  };
  return { core, db, close, ...(await staffCaller(core)) };
}
