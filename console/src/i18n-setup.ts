// The set-up pages' words (events, forms, kiosk enrolment and revocation), Spanish (Mexico) first,
// English beside it, the same keys in both; kept apart from i18n.ts so each catalogue stays small.
import type { Locale } from './i18n';
import { useConsole } from './store';

const es = {
  manage: 'Acciones',
  cancel: 'Cancelar',
  // Kiosks: enrolment and revocation
  enrolTitle: 'Inscribir un quiosco',
  enrolHelp:
    'En el quiosco nuevo, abra la pantalla del personal, elija «Inscribir» y apunte la cámara a este código.',
  serverAddress: 'Dirección del servidor para los quioscos',
  validFor: 'Válido durante',
  minutes: (n: number) => (n < 60 ? `${n} minutos` : n === 60 ? '1 hora' : `${n / 60} horas`),
  showQr: 'Mostrar código QR',
  qrAlt: (code: string) => `Código QR de inscripción ${code}`,
  enrolCode: 'Código',
  validUntil: (time: string) => `Sirve una sola vez, hasta las ${time}.`,
  expired: 'El código caducó: muestre otro.',
  noCamera: 'Texto para un quiosco sin cámara',
  revoke: 'Revocar',
  revokeKiosk: (name: string) => `Revocar ${name}`,
  revokeTitle: (name: string) => `¿Revocar el quiosco ${name}?`,
  revokeBody:
    'El quiosco dejará de sincronizar desde su próxima conexión y solo volverá con una inscripción nueva. Los registros que ya envió se conservan.',
  revokeConfirm: 'Sí, revocar',
  revokedNotice: (name: string) => `Se revocó el quiosco ${name}.`,
};

export type SetupMessages = typeof es;

const en: SetupMessages = {
  manage: 'Actions',
  cancel: 'Cancel',
  enrolTitle: 'Enrol a kiosk',
  enrolHelp: 'On the new kiosk, open the staff screen, choose “Enrol” and point the camera at this code.',
  serverAddress: 'Server address for the kiosks',
  validFor: 'Valid for',
  minutes: (n: number) => (n < 60 ? `${n} minutes` : n === 60 ? '1 hour' : `${n / 60} hours`),
  showQr: 'Show QR code',
  qrAlt: (code: string) => `Enrolment QR code ${code}`,
  enrolCode: 'Code',
  validUntil: (time: string) => `Works once, until ${time}.`,
  expired: 'The code has expired: show another.',
  noCamera: 'Text for a kiosk without a camera',
  revoke: 'Revoke',
  revokeKiosk: (name: string) => `Revoke ${name}`,
  revokeTitle: (name: string) => `Revoke the kiosk ${name}?`,
  revokeBody:
    'The kiosk stops syncing from its next connection and comes back only with a new enrolment. The records it already sent are kept.',
  revokeConfirm: 'Yes, revoke',
  revokedNotice: (name: string) => `The kiosk ${name} was revoked.`,
};

const SETUP: Record<Locale, SetupMessages> = { 'es-MX': es, en };

export const useSetupText = (): SetupMessages => SETUP[useConsole((state) => state.locale)];
