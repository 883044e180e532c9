// The kiosk screens every layout is checked and photographed at: portrait first.
export const KIOSK_VIEWPORTS = [
  { width: 800, height: 1280 },
  { width: 1024, height: 768 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;
