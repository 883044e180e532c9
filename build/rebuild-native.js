// Builds better-sqlite3 for Electron's ABI into build/native/electron/ without touching
// node_modules, whose Node build the tests and the web kiosk keep using. Run before packaging
// or launching Electron; it needs Electron's headers (downloaded on a user's machine).
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { rebuild } from '@electron/rebuild';

const root = new URL('..', import.meta.url).pathname;
const stage = `${root}build/native/stage`;
const out = `${root}build/native/electron`;
const electronVersion = JSON.parse(readFileSync(`${root}node_modules/electron/package.json`, 'utf8')).version;
const sqlite = JSON.parse(readFileSync(`${root}node_modules/better-sqlite3/package.json`, 'utf8'));

rmSync(stage, { recursive: true, force: true });
mkdirSync(`${stage}/node_modules`, { recursive: true });
writeFileSync(
  `${stage}/package.json`,
  JSON.stringify({ name: 'native-stage', private: true, dependencies: { 'better-sqlite3': sqlite.version } }),
);
for (const dep of ['better-sqlite3', 'bindings', 'file-uri-to-path']) {
  cpSync(`${root}node_modules/${dep}`, `${stage}/node_modules/${dep}`, { recursive: true });
}
rmSync(`${stage}/node_modules/better-sqlite3/build`, { recursive: true, force: true });

await rebuild({ buildPath: stage, electronVersion, onlyModules: ['better-sqlite3'], force: true });
mkdirSync(out, { recursive: true });
cpSync(
  `${stage}/node_modules/better-sqlite3/build/Release/better_sqlite3.node`,
  `${out}/better_sqlite3.node`,
);
rmSync(stage, { recursive: true, force: true });
console.log(
  `better-sqlite3 ${sqlite.version} built for Electron ${electronVersion}: ${out}/better_sqlite3.node`,
);
