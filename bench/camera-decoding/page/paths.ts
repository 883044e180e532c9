// URLs the page server (page-server.ts) serves and the page scripts fetch, and the names the
// bench page gives its decoders.
export const WASM_PATH = '/zxing_reader.wasm';
export const WORKER_PATH = '/decode-worker.js';
export const FRAMES_PATH = '/frames/';
export const BENCH_PAGE = '/bench.html';
export const CAMERA_PAGE = '/camera.html';

export const DECODERS = {
  previous: 'previous door decoder (ponyfill + sharpened retry)',
  door: 'door decoder (worker)',
} as const;
