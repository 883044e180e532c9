// The web console: served by the sync server at / (sync-server/console/static.ts), so everything
// is bundled and nothing is inline (its CSP allows only 'self').
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('./console', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/console', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
    // No inline module-preload polyfill: the CSP would refuse it.
    modulePreload: { polyfill: false },
  },
});
