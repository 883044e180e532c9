// The packaged kiosk's Electron fuses, read from the electron-builder configuration and checked
// against electron-builder's own schema for the key names.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { expect, it } from 'vitest';

const CONFIG = fileURLToPath(new URL('../../build/electron-builder.yml', import.meta.url));

it('sets the fuses the Electron security checklist recommends, under names electron-builder knows', () => {
  const config = parse(readFileSync(CONFIG, 'utf8')) as { electronFuses?: Record<string, boolean> };
  expect(config.electronFuses).toEqual({
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  });
  // A misspelt key would be ignored at packaging time: each must be a fuse option in the schema.
  const require = createRequire(import.meta.url);
  const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as {
    definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
  };
  const known = Object.keys(schema.definitions.FuseOptionsV1.properties);
  expect(Object.keys(config.electronFuses ?? {}).filter((key) => !known.includes(key))).toEqual([]);
});
