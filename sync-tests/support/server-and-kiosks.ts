// One server on a database kind for a describe block, and the kiosks its tests open: each kiosk is
// closed and its folder removed after its test, the server after the block.
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { DatabaseKind } from '../../sync-server/db/schema';
import { openServerForTest, type TestServer } from '../../sync-server/testing/test-server';
import { openSyncKiosk, type SyncKiosk } from './sync-kiosk';

export type ServerAndKiosks = {
  /** The block's server, open from its beforeAll on. */
  readonly server: TestServer;
  /** A new kiosk, not enrolled yet, closed after the test. */
  opened(): Promise<SyncKiosk>;
  /** A new kiosk enrolled in `eventId`, closed after the test. */
  enrolled(eventId: string): Promise<SyncKiosk>;
};

export function serverAndKiosks(kind: DatabaseKind): ServerAndKiosks {
  let server: TestServer | undefined;
  const kiosks: SyncKiosk[] = [];
  beforeAll(async () => {
    server = await openServerForTest(kind);
  });
  afterEach(() => {
    for (const k of kiosks.splice(0)) {
      k.close();
      k.remove();
    }
  });
  afterAll(async () => {
    await server?.close();
  });
  const open = (): TestServer => {
    if (server === undefined) throw new Error('the server opens in the block’s beforeAll');
    return server;
  };
  const opened = async (): Promise<SyncKiosk> => {
    const k = await openSyncKiosk();
    kiosks.push(k);
    return k;
  };
  return {
    get server() {
      return open();
    },
    opened,
    async enrolled(eventId) {
      const k = await opened();
      expect((await k.enrol(open().server, eventId)).enrolled).toBe(true);
      return k;
    },
  };
}
