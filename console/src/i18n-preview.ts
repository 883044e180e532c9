// The kiosk preview's words on the forms page, Spanish (Mexico) first, English beside it.
import type { Locale } from './i18n';
import { useConsole } from './store';

const es = {
  kioskPreview: 'Ver como en el quiosco',
  kioskPreviewNote:
    'Las pantallas del quiosco con esta versión: pruebe las respuestas y las condiciones. Al enviar se muestra el agradecimiento; no se guarda nada.',
  frameTitle: (formId: string, version: string) => `Quiosco de vista previa: ${formId}, versión ${version}`,
  language: 'Idioma',
  orientation: 'Pantalla',
  portrait: 'Vertical (800 × 1280)',
  landscape: 'Horizontal (1280 × 800)',
  openInTab: 'Abrir en una pestaña nueva',
  heritageNote:
    'Este formulario es un registro de campo: el personal lo llena después del PIN, así que no tiene vista de quiosco para visitantes.',
  questionList: 'Lista de preguntas',
};

const en: PreviewMessages = {
  kioskPreview: 'See it as the kiosk shows it',
  kioskPreviewNote:
    'The kiosk screens with this version: try answers and conditions. Submitting shows the thank-you; nothing is saved.',
  frameTitle: (formId: string, version: string) => `Preview kiosk: ${formId}, version ${version}`,
  language: 'Language',
  orientation: 'Screen',
  portrait: 'Portrait (800 × 1280)',
  landscape: 'Landscape (1280 × 800)',
  openInTab: 'Open in a new tab',
  heritageNote:
    'This form is a field record: staff fill it in after the PIN, so it has no visitor kiosk view.',
  questionList: 'Question list',
};

export type PreviewMessages = typeof es;
export const PREVIEW: Record<Locale, PreviewMessages> = { 'es-MX': es, en };

export const usePreviewText = (): PreviewMessages => PREVIEW[useConsole((state) => state.locale)];
