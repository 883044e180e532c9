// Files the CLI ships with (the built renderer, the demo forms) live under the package root. The
// CLI runs from source under tsx and bundled as dist/cli.js, so find the root by walking up.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function findPackageRoot(from: string = fileURLToPath(import.meta.url)): string {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const rendererDir = (root: string): string => join(root, 'dist', 'renderer');
export const demoFormsDir = (root: string): string => join(root, 'demo', 'forms');
