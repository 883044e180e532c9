// Where a screen asks for a form image: the renderer builds the address, the web kiosk answers it
// (electron/core/web/web-server.ts). It names the version shown, since two versions may name the
// same file with different pictures; the version goes in the query so that the console's preview,
// which serves form-media/FORM/FILE under its own page of one version, reads the same address.

/** The form version a screen shows. */
export type FormVersionShown = { formId: string; version: string };

/** Where an installed form version's media file is served, relative to the page. */
export function formMediaUrl({ formId, version }: FormVersionShown, file: string): string {
  return `form-media/${encodeURIComponent(formId)}/${encodeURIComponent(file)}?version=${encodeURIComponent(version)}`;
}
