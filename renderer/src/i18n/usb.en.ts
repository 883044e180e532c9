// The USB words in English, spread into en.ts.
import type { esUsb } from './usb.es';

export const enUsb: Record<keyof typeof esUsb, string> = {
  'staff.tab.usb': 'USB',
  'usb.title': 'No network: data by USB',
  'usb.help':
    'Without a network, carry the records to the server on a USB drive and bring back its receipt and the set-up.',
  'usb.write.title': 'Write the pending records',
  'usb.write.directory': 'Folder on the USB drive',
  'usb.write.hint': 'For example /media/usb. The kiosk keeps the records until the receipt comes back.',
  'usb.write.button': 'Write bundle',
  'usb.write.running': 'Writing the bundle…',
  'usb.write.done': 'Bundle written: {file}. Records: {records}. Photos: {photos}.',
  'usb.write.sealed': 'Encrypted for the server: no one else can read it.',
  'usb.write.plain':
    "Not encrypted: this kiosk does not know the server's key yet (sync once). Delete the file from the drive when done.",
  'usb.write.damaged':
    'Left out {count} photo(s) damaged or missing on this kiosk (their bytes no longer match their name): {names}. Tell technical support; every other record and photo is in the bundle.',
  'usb.sealed.title': 'USB bundle encryption',
  'usb.sealed.label': 'Write bundles encrypted only',
  'usb.sealed.help':
    "Bundles are written only encrypted for the server: whoever finds the drive cannot read them. Until this kiosk has received the server's key (at enrolment or a sync), it refuses to write a bundle.",
  'usb.load.title': 'Load a receipt or set-up from the server',
  'usb.load.path': 'File or folder on the USB drive',
  'usb.load.hint': 'Every .qkiosk file of this kiosk in the folder is loaded.',
  'usb.load.button': 'Load',
  'usb.load.running': 'Loading…',
  'usb.load.done':
    'Files loaded: {files}. Records confirmed: {acknowledged} (refused: {deadLettered}). Photos confirmed: {photos}. Changes applied: {changes}. Pending: {pending}.',
  'usb.pathMissing': 'Type the path of the USB drive.',
  'usb.error.bundle_truncated':
    'The file is incomplete (copied or written only in part). Nothing was applied.',
  'usb.error.bundle_malformed': 'Not a readable Quiosco bundle. Nothing was applied.',
  'usb.error.bundle_damaged': 'The file is damaged on the drive. Nothing was applied.',
  'usb.error.bundle_signature_invalid':
    "The file's signature does not match this kiosk (it was altered). Nothing was applied.",
  'usb.error.bundle_wrong_kind':
    "This file is the kiosk's bundle for the server (quiosco import), not a receipt. Nothing was applied.",
  'usb.error.bundle_other_device': 'This file is for another kiosk. Nothing was applied.',
  'usb.error.bundle_not_enrolled': 'Enrol this kiosk with the server before using USB bundles.',
  'usb.error.receipt_ahead_of_outbox':
    'The receipt confirms records this kiosk never numbered (it is from an older copy). Nothing was applied.',
};
