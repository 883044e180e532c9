import { describe, expect, it } from 'vitest';
import { previewBootstrapUrl, previewPageUrl, readPreviewLocation } from './preview-api';

describe('preview addresses', () => {
  const page = { eventId: 'feria-2026', formId: 'encuesta', version: '2026.1' };

  it('reads back the event, form, version and language the console put in the page address', () => {
    const url = new URL(previewPageUrl(page, 'en'), 'https://quiosco.example/');
    expect(url.pathname).toBe('/preview/feria-2026/encuesta/2026.1/');
    expect(readPreviewLocation(url)).toEqual({ page, language: 'en' });
    expect(readPreviewLocation(new URL(previewPageUrl(page), 'https://quiosco.example/'))).toEqual({
      page,
      language: undefined,
    });
  });

  it('asks the console API for that version in that language', () => {
    expect(previewBootstrapUrl(page, 'es')).toBe(
      '/console/api/preview/forms/encuesta/versions/2026.1?eventId=feria-2026&language=es',
    );
    expect(previewBootstrapUrl(page, undefined)).toBe(
      '/console/api/preview/forms/encuesta/versions/2026.1?eventId=feria-2026',
    );
  });

  it('refuses an address that names no version, or a language that is no language code', () => {
    expect(() => readPreviewLocation({ pathname: '/preview/feria-2026/encuesta/', search: '' })).toThrow(
      'Not a preview address: ✖ Invalid input: expected string, received undefined\n  → at page.version',
    );
    expect(() =>
      readPreviewLocation({ pathname: '/preview/feria-2026/encuesta/1/', search: '?language=Espa%C3%B1ol' }),
    ).toThrow('Not a preview address: ✖ not a language code\n  → at language');
  });
});
