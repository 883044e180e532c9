// A kiosk that reaches its server only through a fault proxy: a server on a database kind with an
// event of the given forms, the proxy before it, and a kiosk enrolled through the proxy, opened by
// a test and closed after it (kiosk, its files, proxy, then server).
import { afterEach, expect } from 'vitest';
import type { KioskCoreOptions } from '../../electron/core/kiosk-core';
import type { DemoForm } from '../../shared/forms/node/demo-forms';
import type { DatabaseKind } from '../../sync-server/db/schema';
import { openServerForTest, type TestServer } from '../../sync-server/testing/test-server';
import { startFaultProxy, type FaultProxy } from './fault-proxy';
import { openSyncKiosk, type SyncKiosk } from './sync-kiosk';

export type KioskBehindProxy = { server: TestServer; proxy: FaultProxy; kiosk: SyncKiosk; eventId: string };

/** For a describe block: the opener its tests call; what a test opened is closed after it. */
export function kioskBehindProxyPerTest(kind: DatabaseKind) {
  let opened: Partial<KioskBehindProxy> = {};
  afterEach(async () => {
    const { kiosk, proxy, server } = opened;
    opened = {};
    kiosk?.close();
    kiosk?.remove();
    await proxy?.close();
    await server?.close();
  });
  return async function open(
    forms: DemoForm[],
    random: () => number,
    sync: KioskCoreOptions['sync'],
  ): Promise<KioskBehindProxy> {
    const server = (opened.server = await openServerForTest(kind));
    const eventId = await server.createEvent(forms);
    const proxy = (opened.proxy = await startFaultProxy(server.server.port, random));
    const kiosk = (opened.kiosk = await openSyncKiosk({ sync }));
    expect((await kiosk.enrol({ db: server.server.db, url: proxy.url }, eventId)).enrolled).toBe(true);
    return { server, proxy, kiosk, eventId };
  };
}
