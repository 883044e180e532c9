// Form media: the images a form's labels and choices name (image / media::image columns). They
// travel with the form from its folder (NAME-media/ or beside it, as ODK tools put them), are
// checked (a plain file name, PNG or JPEG by their bytes, a size limit), copied into the kiosk's
// data directory at install and served from there. Each version keeps its own copies: two versions
// may name the same file with different pictures, and a draft of the old one must show its own.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
// The image header check stays with the kiosk's photo store, whose rules it is.
import { readImageHeader } from '../../../electron/core/field/image-header';
import { writeDurably } from '../../sync/node/write-durably';
import type { FormDefinition } from '../form-definition';
import { FormDefinitionSchema, NameSchema } from '../form-definition';
import { mediaFileNames } from '../media-uses';

/** A label image is shown at most a few hundred pixels wide: 2 MiB is a generous photo. */
export const MAX_FORM_MEDIA_BYTES = 2 * 1024 * 1024;

/** The only types served, by extension; each file's bytes are checked against its type at install. */
export const FORM_MEDIA_TYPES = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
} as const;
export type FormMediaType = (typeof FORM_MEDIA_TYPES)[keyof typeof FORM_MEDIA_TYPES];

/** One path segment, no leading dot, an allowed extension: nothing that could leave the folder. */
export const FormMediaNameSchema = z
  .string()
  .max(128)
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_. -]*\.(png|jpe?g)$/i, 'not a PNG or JPEG file name');

export type FormMediaFile = { name: string; bytes: Buffer };
/**
 * What was found for a form: files to install, and why each other named file is not; `unfit`
 * holds the notes of files that are there but may not be installed (a server upload refuses them).
 */
export type FormMedia = { files: FormMediaFile[]; notes: string[]; unfit: string[] };

/** Where a kiosk keeps installed forms' media: form-media/FORM/VERSION_KEY/FILE. */
export const formMediaDir = (dataDir: string): string => join(dataDir, 'form-media');

/**
 * A version's folder name: the SHA-256 of the version in hex. A version is free text ("../1" is
 * one), and two that differ only in case must not share a folder on a case-insensitive disk.
 */
export const versionKey = (version: string): string => createHash('sha256').update(version).digest('hex');
export const VERSION_KEY = /^[0-9a-f]{64}$/;

/** The folder of one form version's images. */
export function versionMediaDir(dataDir: string, formId: string, version: string): string {
  return join(formMediaDir(dataDir), NameSchema.parse(formId), versionKey(version));
}

/** What a screen asks for: a form version's image by name, every part checked before any path is built. */
export const FormMediaRequestSchema = z.object({
  formId: NameSchema,
  version: FormDefinitionSchema.shape.version,
  file: FormMediaNameSchema,
});
export type FormMediaRequest = z.infer<typeof FormMediaRequestSchema>;

/** Why these bytes cannot be served under this name, or undefined when they can. */
export function checkFormMedia(name: string, bytes: Buffer): string | undefined {
  const type = mediaType(name);
  if (type === undefined) return 'only PNG and JPEG images with a plain file name are installed';
  if (bytes.length > MAX_FORM_MEDIA_BYTES) return tooLarge(bytes.length);
  const header = readImageHeader(bytes, type);
  return typeof header === 'string' ? header : undefined;
}

const tooLarge = (size: number): string => `${size} bytes is larger than the ${MAX_FORM_MEDIA_BYTES} allowed`;

/** The content type a media file name is served with, or undefined when it is not one we serve. */
export function mediaType(name: string): FormMediaType | undefined {
  if (!FormMediaNameSchema.safeParse(name).success) return undefined;
  const extension = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  return Object.hasOwn(FORM_MEDIA_TYPES, extension)
    ? FORM_MEDIA_TYPES[extension as keyof typeof FORM_MEDIA_TYPES]
    : undefined;
}

/** The form's media from its NAME-media/ folder or beside it; a file that is missing or unfit is a note. */
export function findFormMedia(dir: string, stem: string, definition: FormDefinition): FormMedia {
  const media: FormMedia = { files: [], notes: [], unfit: [] };
  const folders = [join(dir, `${stem}-media`), dir];
  for (const name of mediaFileNames(definition)) {
    const shown = JSON.stringify(name);
    const path = FormMediaNameSchema.safeParse(name).success
      ? folders.map((folder) => join(folder, name)).find((p) => existsSync(p) && statSync(p).isFile())
      : undefined;
    if (path === undefined) {
      media.notes.push(
        mediaType(name) === undefined
          ? `media file ${shown} is not installed: only PNG and JPEG images with a plain file name are`
          : `media file ${shown} is not in ${stem}-media/ or beside the form: the label is shown instead`,
      );
      continue;
    }
    // Not read at all when too large: a form folder is not trusted to hold small files.
    const size = statSync(path).size;
    const bytes = size > MAX_FORM_MEDIA_BYTES ? undefined : readFileSync(path);
    const fault = bytes === undefined ? tooLarge(size) : checkFormMedia(name, bytes);
    if (bytes !== undefined && fault === undefined) {
      media.files.push({ name, bytes });
      continue;
    }
    const note = `media file ${shown} is not installed: ${fault}`;
    media.notes.push(note);
    media.unfit.push(note);
  }
  return media;
}

/** Copies a form version's checked media into the kiosk, each file whole or absent. */
export function installFormMedia(
  dataDir: string,
  formId: string,
  version: string,
  files: readonly FormMediaFile[],
): void {
  if (files.length === 0) return;
  const dir = versionMediaDir(dataDir, formId, version);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const { name, bytes } of files) {
    const fault = checkFormMedia(name, bytes);
    if (fault !== undefined) throw new Error(`media file ${JSON.stringify(name)}: ${fault}`);
    writeDurably(dir, join(dir, name), bytes);
  }
}

/** An installed media file of a checked request, or undefined when that version has none by that name. */
export function readInstalledMedia(
  dataDir: string,
  { formId, version, file: name }: FormMediaRequest,
): { type: FormMediaType; bytes: Buffer } | undefined {
  const type = mediaType(name);
  if (type === undefined) return undefined;
  const file = join(versionMediaDir(dataDir, formId, version), name);
  const stat = statSync(file, { throwIfNoEntry: false });
  if (stat === undefined || !stat.isFile() || stat.size > MAX_FORM_MEDIA_BYTES) return undefined;
  return { type, bytes: readFileSync(file) };
}
