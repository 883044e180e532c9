// Photos in exports. An image answer holds an attachment's name (`<sha256>.jpg|png`); the server
// has the photo when its attachment is complete. Such a photo is exported as the relative path
// `media/<name>` (the ZIP bundle holds the file there); any other answer — a photo still on its
// way, or a name that is no attachment name at all — is exported as it is and flagged missing, so
// no export ever points at a file that is not there.
import { AttachmentNameSchema } from '../../shared/sync/protocol';

export const MEDIA_FOLDER = 'media';

export type Photo = {
  name: string;
  /** The SHA-256 the name gives, or null when the answer is not an attachment name. */
  sha256: string | null;
  /** `media/<name>` when the server has the photo; null when it is missing. */
  path: string | null;
};

export class MediaIndex {
  /** Names exported as paths, first seen first: the files the bundle must hold. */
  readonly used = new Set<string>();
  private readonly complete: ReadonlySet<string>;

  constructor(complete: Iterable<string>) {
    this.complete = new Set(complete);
  }

  photo(name: string): Photo {
    const valid = AttachmentNameSchema.safeParse(name).success;
    const sha256 = valid ? name.slice(0, 64) : null;
    if (!valid || !this.complete.has(name)) return { name, sha256, path: null };
    this.used.add(name);
    return { name, sha256, path: `${MEDIA_FOLDER}/${name}` };
  }
}
