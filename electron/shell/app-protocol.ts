// Serves the built renderer on app://kiosk/ with a strict CSP instead of file://, and the images of
// the installed forms (app://kiosk/form-media/FORM/FILE?version=V) from the kiosk's data directory.
import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../../shared/kiosk/content-security-policy';
import { HTTP_STATUS } from '../../shared/ipc/http-status';
import { APP_SCHEME, isAppUrl, resolveAppFile } from '../app-url';
import { formImage, formImageAskedBy } from '../core/forms/form-image-request';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveRenderer(rendererDir: string, dataDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const asked = isAppUrl(request.url) ? formImageAskedBy(new URL(request.url)) : undefined;
    if (asked !== undefined) return formImageResponse(dataDir, asked);
    const file = resolveAppFile(rendererDir, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    return new Response(response.body, { status: response.status, headers: secured(response.headers) });
  });
}

function formImageResponse(dataDir: string, asked: Parameters<typeof formImage>[1]): Response {
  const image = formImage(dataDir, asked);
  if (!image.ok) {
    const headers = secured(new Headers({ 'content-type': 'text/plain; charset=utf-8' }));
    return new Response(image.error.message, { status: HTTP_STATUS[image.error.code], headers });
  }
  const headers = secured(new Headers({ 'content-type': image.value.type, 'cache-control': 'no-cache' }));
  return new Response(new Uint8Array(image.value.bytes), { status: 200, headers });
}

function secured(headers: Headers): Headers {
  const out = new Headers(headers);
  out.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  out.set('X-Content-Type-Options', 'nosniff');
  return out;
}
