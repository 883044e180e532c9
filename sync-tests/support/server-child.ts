// Run as `node --import tsx server-child.ts '{"database":…,"port":0}'`: a sync server in a process
// of its own, so a test can SIGKILL it mid-batch. Prints {"url","port","pid"} as one line once it
// listens on 127.0.0.1.
import { z } from 'zod';
import { limitHeapGrowth } from '../../sync-server/heap-growth';
import { startSyncServer } from '../../sync-server/server';

const ArgsSchema = z.object({
  database: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('sqlite'), dataDir: z.string() }),
    z.object({ kind: z.literal('postgres'), url: z.string() }),
  ]),
  port: z.number().int().min(0).default(0),
  pushAdmission: z.object({ maxPushes: z.number().int().min(0) }).optional(),
});

const args = ArgsSchema.parse(JSON.parse(process.argv[2] ?? '{}'));
// As `quiosco server` runs.
limitHeapGrowth();
const server = await startSyncServer({
  database: args.database,
  host: '127.0.0.1',
  port: args.port,
  logLevel: 'silent',
  pushAdmission: args.pushAdmission,
});
process.stdout.write(`${JSON.stringify({ url: server.url, port: server.port, pid: process.pid })}\n`);
process.on('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
