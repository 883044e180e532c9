// A real web kiosk with the photo test page in front of it, plus a scratch folder: what the photo
// and media specs start once per file.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startKiosk, type RunningKiosk } from '../support/kiosk-process';
import { startPhotoPageServer, type PhotoPageServer } from './photo-page-server';

export type PhotoStack = {
  kiosk: RunningKiosk;
  server: PhotoPageServer;
  work: string;
  stop(): Promise<void>;
};

export async function startPhotoStack(name: string): Promise<PhotoStack> {
  const work = mkdtempSync(path.join(os.tmpdir(), `quiosco-e2e-${name}-`));
  const kiosk = await startKiosk();
  const server = await startPhotoPageServer(kiosk.url);
  return {
    kiosk,
    server,
    work,
    stop: async () => {
      await server.close();
      await kiosk.stop();
      rmSync(work, { recursive: true, force: true });
    },
  };
}
