// The preview opens straight on its form in the language the console chose, as a visitor who
// tapped the form and that language would see it; the attract screen follows the thank-you.
import { readPreviewLocation } from '../../../shared/console/preview-api';
import type { KioskStore } from '../store/kiosk-store';
import { previewApi } from './preview-transport';
import { chooseTransport } from './transport';

export function startPreview(store: KioskStore, location: { pathname: string; search: string }): void {
  const { page, language } = readPreviewLocation(location);
  chooseTransport(previewApi({ page, language }));
  void openPreviewForm(store, page.formId);
}

export async function openPreviewForm(store: KioskStore, formId: string): Promise<void> {
  await store.getState().loadBootstrap();
  store.getState().startForm(formId);
  const { screen, session } = store.getState();
  if (screen === 'language' && session !== null) store.getState().chooseLanguage(session.language);
}
