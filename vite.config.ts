// The kiosk renderer: everything bundled (the kiosk runs offline, so no CDN), served from '/'
// by the web kiosk and from app://kiosk/ by Electron.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // Electron 45 ships Chromium 140; the web kiosk runs in a current Chromium too.
    target: 'chrome120',
  },
});
