// A describe block's server: opened on a database kind with one event of the given demo forms in
// the block's beforeAll, closed (its database dropped) in its afterAll.
import { afterAll, beforeAll } from 'vitest';
import type { DemoForm } from '../../shared/forms/node/demo-forms';
import type { DatabaseKind } from '../db/schema';
import { openServerForTest, type TestServer, type TestServerOptions } from './test-server';

export function serverForBlock(kind: DatabaseKind, forms: DemoForm[], options?: TestServerOptions) {
  let t: TestServer | undefined;
  let eventId: string | undefined;
  beforeAll(async () => {
    t = await openServerForTest(kind, options);
    eventId = await t.createEvent(forms);
  });
  afterAll(async () => {
    await t?.close();
  });
  const opened = () => {
    if (t === undefined || eventId === undefined)
      throw new Error('the server opens in the block’s beforeAll');
    return { t, eventId };
  };
  return {
    /** The block's server, open from its beforeAll on. */
    get t() {
      return opened().t;
    },
    /** The event made with the block's forms. */
    get eventId() {
      return opened().eventId;
    },
  };
}
