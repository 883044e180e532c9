import { describe, expect, it } from 'vitest';
import { exportUrl } from './api';

describe('exportUrl', () => {
  it('puts the form id in one path segment and the options in the query, both encoded', () => {
    expect(exportUrl('feria', { format: 'csv', labels: 'es' })).toBe(
      '/console/api/exports/feria?format=csv&labels=es',
    );
    expect(exportUrl('a/../b?c#d', { from: '2026-12-07', actor: 'ana & luis', note: 'ñ=1' })).toBe(
      '/console/api/exports/a%2F..%2Fb%3Fc%23d?from=2026-12-07&actor=ana+%26+luis&note=%C3%B1%3D1',
    );
  });
});
