#!/usr/bin/env node
// The `quiosco` command runs the bundled CLI (`npm run build` makes it).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('quiosco: dist/ is missing; run `npm run build` first.');
  process.exit(1);
}
await import(cli.href);
