// better-sqlite3 is built for Node (tests, web kiosk). Electron has its own ABI, so the shell
// loads a second build of the addon, made by `npm run electron:rebuild-native` into
// build/native/ and shipped in the package's resources; node_modules is never rebuilt in place.
import { existsSync } from 'node:fs';
import path from 'node:path';

export const NATIVE_ADDON = 'better_sqlite3.node';

export function electronNativeBinding(opts: {
  isPackaged: boolean;
  resourcesPath: string;
  distDir: string;
}): string {
  const file = opts.isPackaged
    ? path.join(opts.resourcesPath, 'native', NATIVE_ADDON)
    : path.join(path.dirname(opts.distDir), 'build', 'native', 'electron', NATIVE_ADDON);
  if (!existsSync(file)) {
    throw new Error(
      `The Electron build of better-sqlite3 is missing at ${file}; run \`npm run electron:rebuild-native\`.`,
    );
  }
  return file;
}
