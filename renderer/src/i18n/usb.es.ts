// The USB words (no network: bundles to and from the server) in Mexican Spanish, spread into es.ts.
export const esUsb = {
  'staff.tab.usb': 'USB',
  'usb.title': 'Sin red: datos por USB',
  'usb.help':
    'Sin red, lleve los registros al servidor en una memoria USB y traiga de vuelta su recibo y la configuración.',
  'usb.write.title': 'Escribir los registros pendientes',
  'usb.write.directory': 'Carpeta de la memoria USB',
  'usb.write.hint': 'Por ejemplo /media/usb. El quiosco conserva los registros hasta recibir el recibo.',
  'usb.write.button': 'Escribir paquete',
  'usb.write.running': 'Escribiendo el paquete…',
  'usb.write.done': 'Paquete escrito: {file}. Registros: {records}. Fotos: {photos}.',
  'usb.write.sealed': 'Cifrado para el servidor: sin él nadie puede leerlo.',
  'usb.write.plain':
    'Sin cifrar: este quiosco aún no conoce la clave del servidor (sincronice una vez). Borre el archivo de la memoria al terminar.',
  'usb.write.damaged':
    'No se incluyeron {count} foto(s) dañadas o ausentes en este quiosco (no coinciden con su nombre): {names}. Avise a soporte técnico; los demás registros y fotos sí van en el paquete.',
  'usb.sealed.title': 'Cifrado de los paquetes USB',
  'usb.sealed.label': 'Escribir paquetes solo cifrados',
  'usb.sealed.help':
    'Los paquetes se escriben solo cifrados para el servidor: quien encuentre la memoria no puede leerlos. Mientras este quiosco no haya recibido la clave del servidor (al inscribirse o al sincronizar), se niega a escribir un paquete.',
  'usb.load.title': 'Cargar recibo o configuración del servidor',
  'usb.load.path': 'Archivo o carpeta de la memoria USB',
  'usb.load.hint': 'Se cargan todos los archivos .qkiosk de este quiosco en la carpeta.',
  'usb.load.button': 'Cargar',
  'usb.load.running': 'Cargando…',
  'usb.load.done':
    'Archivos cargados: {files}. Registros confirmados: {acknowledged} (rechazados: {deadLettered}). Fotos confirmadas: {photos}. Cambios aplicados: {changes}. Pendientes: {pending}.',
  'usb.pathMissing': 'Escriba la ruta de la memoria USB.',
  'usb.error.bundle_truncated':
    'El archivo está incompleto (se copió o escribió a medias). No se aplicó nada.',
  'usb.error.bundle_malformed': 'No es un paquete de Quiosco legible. No se aplicó nada.',
  'usb.error.bundle_damaged': 'El archivo está dañado en la memoria. No se aplicó nada.',
  'usb.error.bundle_signature_invalid':
    'La firma del archivo no corresponde a este quiosco (fue alterado). No se aplicó nada.',
  'usb.error.bundle_wrong_kind':
    'Este archivo es el paquete del quiosco para el servidor (quiosco import), no un recibo. No se aplicó nada.',
  'usb.error.bundle_other_device': 'Este archivo es para otro quiosco. No se aplicó nada.',
  'usb.error.bundle_not_enrolled': 'Inscriba este quiosco con el servidor antes de usar paquetes USB.',
  'usb.error.receipt_ahead_of_outbox':
    'El recibo confirma registros que este quiosco nunca numeró (es de una copia anterior). No se aplicó nada.',
} as const;
