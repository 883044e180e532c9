// URLs the page server (page-server.ts) serves and the page scripts fetch.
export const WASM_PATH = '/zxing_reader.wasm';
export const WORKER_PATH = '/decode-worker.js';
export const FRAMES_PATH = '/frames/';
export const BENCH_PAGE = '/bench.html';
export const CAMERA_PAGE = '/camera.html';
