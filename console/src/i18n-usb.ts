// The kiosks page's USB words (importing a kiosk's bundle, downloading its set-up file), Spanish
// (Mexico) first, English beside it, the same keys in both; each bundle refusal said in words.
import type { BundleErrorCode } from '../../shared/sync/bundle';
import type { Locale } from './i18n';
import { useConsole } from './store';

const es = {
  usbTitle: 'USB: registros sin red',
  usbHelp:
    'Si un quiosco no tiene red, el personal guarda sus registros en una memoria USB (pantalla del personal, USB). Suba aquí ese archivo .qbundle: el servidor lo revisa completo y guarda los registros nuevos; subirlo otra vez no agrega nada.',
  bundleFile: 'Archivo del quiosco (.qbundle)',
  importBundle: 'Importar',
  importing: 'Importando… un archivo grande puede tardar unos minutos.',
  imported: (kiosk: string) => `Se importó el archivo del quiosco ${kiosk}.`,
  newRecords: (n: string) => `Registros nuevos: ${n}`,
  throughSeq: (n: string) => `Asentado hasta el registro número ${n}`,
  photosStored: (n: string) => `Fotos guardadas: ${n}`,
  photosThere: (n: string) => `Fotos que ya estaban: ${n}`,
  refusedTitle: (n: string) => `Registros rechazados: ${n}`,
  refusedRecord: (seq: string, id: string, message: string) => `N.º ${seq} (${id}): ${message}`,
  importRefused: 'No se importó nada.',
  setupHelp:
    'Para llevar al quiosco su configuración y el acuse de lo que el servidor ya tiene, descargue su archivo .qkiosk en la memoria USB y cárguelo en el quiosco (pantalla del personal, USB).',
  downloadSetup: 'USB',
  downloadSetupOf: (kiosk: string) => `Descargar el archivo USB (.qkiosk) del quiosco ${kiosk}`,
  bundleErrors: {
    bundle_truncated:
      'El archivo está incompleto: se copió o se escribió solo en parte. Cópielo otra vez del quiosco.',
    bundle_malformed: 'No es un archivo de Quiosco que se pueda leer.',
    bundle_damaged:
      'El archivo está dañado (no coincide con su suma de verificación). Cópielo otra vez del quiosco.',
    bundle_signature_invalid: 'La firma del archivo no corresponde a la del quiosco.',
    bundle_other_server:
      'El archivo está cifrado para otro servidor: impórtelo en el servidor donde se inscribió el quiosco.',
    bundle_sealed_damaged:
      'El archivo cifrado está dañado, cortado o desordenado. Cópielo otra vez del quiosco.',
    bundle_unknown_version: 'El archivo cifrado tiene una versión que este servidor no conoce.',
    bundle_server_key_missing: 'El archivo está cifrado, pero este servidor no tiene la llave para abrirlo.',
    bundle_unknown_device: 'Ningún quiosco con ese identificador está inscrito en este servidor.',
    device_revoked: 'Ese quiosco fue revocado; sus archivos se rechazan.',
    bundle_wrong_kind: 'Es otro tipo de archivo de Quiosco (¿un .qkiosk para el quiosco?).',
    bundle_other_device: 'El archivo se escribió para otro quiosco.',
    bundle_not_enrolled: 'El quiosco no está inscrito en un servidor.',
    receipt_ahead_of_outbox: 'El acuse reconoce registros que el quiosco no numeró.',
  } satisfies Record<BundleErrorCode, string>,
};
export type UsbMessages = typeof es;

const en: UsbMessages = {
  usbTitle: 'USB: records with no network',
  usbHelp:
    'When a kiosk has no network, staff save its records to a USB drive (staff screen, USB). Upload that .qbundle file here: the server checks it whole and stores the new records; uploading it again adds nothing.',
  bundleFile: "The kiosk's file (.qbundle)",
  importBundle: 'Import',
  importing: 'Importing… a large file may take a few minutes.',
  imported: (kiosk: string) => `Imported the file of kiosk ${kiosk}.`,
  newRecords: (n: string) => `New records: ${n}`,
  throughSeq: (n: string) => `Settled through record number ${n}`,
  photosStored: (n: string) => `Photos stored: ${n}`,
  photosThere: (n: string) => `Photos already there: ${n}`,
  refusedTitle: (n: string) => `Records refused: ${n}`,
  refusedRecord: (seq: string, id: string, message: string) => `No. ${seq} (${id}): ${message}`,
  importRefused: 'Nothing was imported.',
  setupHelp:
    'To take a kiosk its set-up and a receipt for what the server already holds, download its .qkiosk file to the USB drive and load it at the kiosk (staff screen, USB).',
  downloadSetup: 'USB',
  downloadSetupOf: (kiosk: string) => `Download the USB file (.qkiosk) of kiosk ${kiosk}`,
  bundleErrors: {
    bundle_truncated:
      'The file is incomplete: it was copied or written only in part. Copy it from the kiosk again.',
    bundle_malformed: 'This is not a readable Quiosco file.',
    bundle_damaged: 'The file is damaged (it does not match its own checksum). Copy it from the kiosk again.',
    bundle_signature_invalid: "The file's signature does not match the kiosk's.",
    bundle_other_server:
      'The file is encrypted for another server: import it on the server the kiosk was enrolled with.',
    bundle_sealed_damaged:
      'The encrypted file is damaged, cut short or reordered. Copy it from the kiosk again.',
    bundle_unknown_version: 'The encrypted file has a version this server does not know.',
    bundle_server_key_missing: 'The file is encrypted, but this server has no key to open it.',
    bundle_unknown_device: 'No kiosk with this id is enrolled on this server.',
    device_revoked: 'That kiosk was revoked; its files are refused.',
    bundle_wrong_kind: 'This is another kind of Quiosco file (a .qkiosk for the kiosk?).',
    bundle_other_device: 'The file was written for another kiosk.',
    bundle_not_enrolled: 'The kiosk is not enrolled with a server.',
    receipt_ahead_of_outbox: 'The receipt acknowledges records the kiosk never numbered.',
  },
};

export const USB: Record<Locale, UsbMessages> = { 'es-MX': es, en };

export const useUsbText = (): UsbMessages => USB[useConsole((state) => state.locale)];
