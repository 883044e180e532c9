import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';

const CHILD = fileURLToPath(new URL('./testing/heap-churn-child.ts', import.meta.url));

async function largestHeap(mode: 'limited' | 'default'): Promise<number> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', CHILD, mode]);
  return Number(stdout.trim());
}

test('with its growth limited, a process making garbage over a steady live set keeps a smaller heap', async () => {
  // One after the other: the two processes must not compete for memory or cores.
  const unlimited = await largestHeap('default');
  const limited = await largestHeap('limited');
  expect(limited).toBeGreaterThan(0);
  expect(limited).toBeLessThan(unlimited * 0.85);
});
