import { describe, expect, it } from 'vitest';
import { cameraFailure } from './camera-failure';

const exception = (name: string) => new DOMException('camera', name);

describe('cameraFailure', () => {
  it('tells no camera, refused permission and a busy camera apart', () => {
    expect(cameraFailure(exception('NotFoundError'))).toBe('none');
    expect(cameraFailure(exception('OverconstrainedError'))).toBe('none');
    expect(cameraFailure(exception('NotAllowedError'))).toBe('denied');
    expect(cameraFailure(exception('SecurityError'))).toBe('denied');
    expect(cameraFailure(exception('NotReadableError'))).toBe('busy');
  });

  it('calls anything else a plain failure', () => {
    expect(cameraFailure(new TypeError('no mediaDevices'))).toBe('failed');
    expect(cameraFailure('NotAllowedError')).toBe('failed');
    expect(cameraFailure(undefined)).toBe('failed');
  });
});
