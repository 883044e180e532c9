// The packaging configuration: the Electron fuses, the targets, and electron-builder's own check of
// the whole file (its JSON schema), all without the Electron binary.
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

type Target = { target: string; arch: string[] };

it("passes electron-builder's own configuration check (its JSON schema), which refuses an unknown key", async () => {
  const config = parse(readFileSync(CONFIG, 'utf8')) as Record<string, unknown>;
  // The check `electron-builder` runs before packaging; the Electron binary itself is not needed.
  const require = createRequire(import.meta.url);
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
    validateConfiguration(config: unknown, logger: { isEnabled: boolean; add(): void }): Promise<void>;
  };
  const logger = { isEnabled: false, add: () => undefined };
  await expect(validateConfiguration(config, logger)).resolves.toBeUndefined();
  await expect(validateConfiguration({ ...config, autostart: true }, logger)).rejects.toThrow(
    "configuration has an unknown property 'autostart'",
  );
});

it('packages AppImage and deb for x64 and arm64 Linux kiosks, and an NSIS installer for Windows', () => {
  const config = parse(readFileSync(CONFIG, 'utf8')) as {
    linux: { target: Target[] };
    win: { target: Target[] };
  };
  expect(config.linux.target).toEqual([
    { target: 'AppImage', arch: ['x64', 'arm64'] },
    { target: 'deb', arch: ['x64', 'arm64'] },
  ]);
  expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
});
