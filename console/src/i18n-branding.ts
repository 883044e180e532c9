// The event branding section's words (events page), Spanish (Mexico) first, English beside it,
// the same keys in both.
import type { BrandColourName } from '../../shared/sync/branding';
import type { Locale } from './i18n';
import { useConsole } from './store';

const es = {
  brandingTitle: (event: string) => `Imagen del evento ${event}`,
  brandingHelp:
    'Colores, logotipo e imágenes de la pantalla de espera de los quioscos (PNG, JPEG o WebP de hasta 1 MiB; SVG no). Los quioscos la reciben en su siguiente sincronización.',
  colours: 'Colores',
  colour: {
    background: 'Fondo',
    text: 'Texto sobre el fondo',
    accent: 'Botones de inicio',
    onAccent: 'Texto de los botones de inicio',
    primary: 'Botones de los formularios',
  } satisfies Record<BrandColourName, string>,
  pick: (colour: string) => `Elegir el color: ${colour}`,
  saveColours: 'Guardar colores',
  kioskLook: 'Sin colores propios: los quioscos usan los suyos.',
  logo: 'Logotipo',
  noLogo: 'Sin logotipo.',
  logoAlt: (event: string) => `Logotipo de ${event}`,
  uploadLogo: 'Subir logotipo',
  removeLogo: 'Quitar logotipo',
  attract: 'Imágenes de la pantalla de espera',
  noAttract: 'Sin imágenes.',
  attractAlt: (n: number) => `Imagen ${n} de la pantalla de espera`,
  replaceAttract: 'Reemplazar las imágenes (puede elegir varias)',
  clearAll: 'Quitar toda la imagen del evento',
  clearTitle: '¿Quitar colores, logotipo e imágenes?',
  clearBody: 'Los quioscos vuelven a su aspecto propio en su siguiente sincronización.',
  clearConfirm: 'Sí, quitar todo',
  cancel: 'Cancelar',
  saved: 'Se guardó la imagen del evento.',
};
export type BrandingMessages = typeof es;

const en: BrandingMessages = {
  brandingTitle: (event) => `Event branding of ${event}`,
  brandingHelp:
    'Colours, logo and attract-screen images of the kiosks (PNG, JPEG or WebP up to 1 MiB; no SVG). Kiosks get it at their next sync.',
  colours: 'Colours',
  colour: {
    background: 'Background',
    text: 'Text on the background',
    accent: 'Start buttons',
    onAccent: 'Start button text',
    primary: 'Form buttons',
  },
  pick: (colour) => `Pick the colour: ${colour}`,
  saveColours: 'Save colours',
  kioskLook: 'No colours of its own: kiosks use theirs.',
  logo: 'Logo',
  noLogo: 'No logo.',
  logoAlt: (event) => `Logo of ${event}`,
  uploadLogo: 'Upload logo',
  removeLogo: 'Remove logo',
  attract: 'Attract-screen images',
  noAttract: 'No images.',
  attractAlt: (n) => `Attract-screen image ${n}`,
  replaceAttract: 'Replace the images (you may pick several)',
  clearAll: 'Remove all event branding',
  clearTitle: 'Remove colours, logo and images?',
  clearBody: 'Kiosks go back to their own look at their next sync.',
  clearConfirm: 'Yes, remove all',
  cancel: 'Cancel',
  saved: 'Event branding saved.',
};

export const BRANDING: Record<Locale, BrandingMessages> = { 'es-MX': es, en };

export const useBrandingText = (): BrandingMessages => BRANDING[useConsole((state) => state.locale)];
