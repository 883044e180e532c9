// The server's files are its owner's alone (issue 12): the database holds the ticket signing keys
// and personal data, printed tickets admit whoever holds them.
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openServerDatabase, SQLITE_FILE } from './db/server-database';
import { createEvent } from './events/events-store';
import { printTickets } from './tickets/ticket-print';

const modeOf = (path: string): number => statSync(path).mode & 0o777;

describe('file modes', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'quiosco-modes-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the SQLite data directory 0700 and the database, -wal and -shm 0600, also ones made looser before', async () => {
    const dataDir = join(tempDir(), 'server-data');
    for (let round = 0; round < 2; round++) {
      const s = await openServerDatabase({ kind: 'sqlite', dataDir });
      try {
        await createEvent(s, { id: `feria_${round}`, name: 'Feria' });
        expect(modeOf(dataDir)).toBe(0o700);
        for (const file of [SQLITE_FILE, `${SQLITE_FILE}-wal`, `${SQLITE_FILE}-shm`]) {
          expect(modeOf(join(dataDir, file)), file).toBe(0o600);
        }
      } finally {
        await s.close();
      }
      // As an older server left them: world-readable.
      chmodSync(dataDir, 0o755);
      chmodSync(join(dataDir, SQLITE_FILE), 0o644);
    }
  });

  it('writes printed tickets (PNGs and the sheet) 0600', async () => {
    const out = join(tempDir(), 'print');
    const printed = await printTickets(
      [
        {
          ticketId: 'N5ZVXH2QKBBWH6RF',
          eventId: 'feria',
          text: 'QT1:SECRETO',
          type: 'General',
          typeNumber: 1,
          holder: 'Ana',
          validFrom: null,
          validTo: null,
          keyId: 0,
          issuedAt: '2026-11-20T10:00:00.000Z',
        },
      ],
      { id: 'feria', name: 'Feria' },
      out,
    );
    for (const file of [...printed.pngs, printed.sheet]) expect(modeOf(file), file).toBe(0o600);
  });
});
