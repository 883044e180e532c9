/** The renderer's CSP, sent by both the web kiosk and Electron's app:// protocol. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self'",
  "script-src 'self'",
  "connect-src 'self'",
  // The door scanner's camera stream.
  "media-src 'self' blob:",
  "frame-ancestors 'none'",
].join('; ');
