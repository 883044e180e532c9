import { describe, expect, it } from 'vitest';
import { isAppUrl, resolveAppFile } from './app-url';

describe('isAppUrl', () => {
  it('accepts only the kiosk origin on the app scheme', () => {
    expect(isAppUrl('app://kiosk/index.html')).toBe(true);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('https://kiosk/index.html')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});

describe('resolveAppFile', () => {
  const root = '/opt/quiosco/renderer';
  it('maps paths inside the renderer folder', () => {
    expect(resolveAppFile(root, 'app://kiosk/')).toBe('/opt/quiosco/renderer/index.html');
    expect(resolveAppFile(root, 'app://kiosk/assets/index-abc.js?x=1')).toBe(
      '/opt/quiosco/renderer/assets/index-abc.js',
    );
  });
  it('refuses escapes and foreign origins', () => {
    expect(resolveAppFile(root, 'app://kiosk/../../etc/passwd')).toBe('/opt/quiosco/renderer/etc/passwd');
    expect(resolveAppFile(root, 'app://kiosk/%2e%2e/%2e%2e/etc/passwd')).toBe(
      '/opt/quiosco/renderer/etc/passwd',
    );
    expect(resolveAppFile(root, 'app://kiosk/..%2f..%2fsecret')).toBeNull();
    expect(resolveAppFile(root, 'app://kiosk/assets%2f..%2f..%2f..%2fsecret')).toBeNull();
    expect(resolveAppFile(root, 'app://kiosk/a%00b')).toBeNull();
    expect(resolveAppFile(root, 'app://evil/index.html')).toBeNull();
  });
});
