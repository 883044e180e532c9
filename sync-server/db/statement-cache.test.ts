import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachingStatements } from './statement-cache';

describe('cached prepared statements', () => {
  let dir: string;
  let database: Sqlite.Database;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'quiosco-statements-'));
    database = new Sqlite(join(dir, 'test.db'));
    database.exec('CREATE TABLE t (n integer)');
    database.exec('INSERT INTO t VALUES (1), (2), (3)');
  });
  afterEach(() => {
    if (database.open) database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('hands out one statement per text, and runs it again with other parameters', () => {
    const cached = cachingStatements(database);
    const first = cached.prepare('SELECT n FROM t WHERE n >= ?');
    expect(cached.prepare('SELECT n FROM t WHERE n >= ?')).toBe(first);
    expect(cached.prepare('SELECT n FROM t WHERE n >= ?').all([2])).toEqual([{ n: 2 }, { n: 3 }]);
    expect(cached.prepare('SELECT n FROM t WHERE n >= ?').all([3])).toEqual([{ n: 3 }]);
    expect(cached.prepare('SELECT n FROM t WHERE n <= ?')).not.toBe(first);
  });

  it('gives a fresh statement while the kept one is still being read', () => {
    const cached = cachingStatements(database);
    const reading = cached.prepare('SELECT n FROM t').iterate([]);
    expect(reading.next().value).toEqual({ n: 1 });
    expect(cached.prepare('SELECT n FROM t').all([])).toHaveLength(3);
    expect([...reading]).toEqual([{ n: 2 }, { n: 3 }]);
  });

  it('keeps the most recently used texts only', () => {
    const cached = cachingStatements(database, 2);
    const a = cached.prepare('SELECT 1');
    const b = cached.prepare('SELECT 2');
    expect(cached.prepare('SELECT 1')).toBe(a);
    cached.prepare('SELECT 3');
    // SELECT 2 was the least recently used: dropped, so it is prepared anew.
    expect(cached.prepare('SELECT 1')).toBe(a);
    expect(cached.prepare('SELECT 2')).not.toBe(b);
    cached.close();
    expect(database.open).toBe(false);
  });
});
