/** The renderer's CSP, sent by both the web kiosk and Electron's app:// protocol. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self'",
  // The door's QR decoder is zxing-wasm: compiling WebAssembly needs 'wasm-unsafe-eval' (not 'unsafe-eval').
  // Its worker script is same-origin, which worker-src's fallback (script-src) already allows.
  "script-src 'self' 'wasm-unsafe-eval'",
  "connect-src 'self'",
  // The door scanner's camera stream.
  "media-src 'self' blob:",
  "frame-ancestors 'none'",
].join('; ');
