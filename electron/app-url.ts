// Where the Electron renderer lives and which URLs belong to it. Kept free of `electron` so the
// rules that guard IPC and navigation are unit-tested in plain Node.
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://kiosk`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/** True when a URL is our own renderer: only it may call IPC or be navigated to. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === 'kiosk';
  } catch {
    return false;
  }
}

/**
 * The file an app:// request maps to inside rendererDir, or null for anything outside it
 * (`..`, encoded separators) so a crafted URL can never read other files.
 */
export function resolveAppFile(rendererDir: string, url: string): string | null {
  if (!isAppUrl(url)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
  return file.startsWith(root + path.sep) ? file : null;
}
