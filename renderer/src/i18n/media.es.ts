// The drawing pad's words (and, later, audio, video and file questions) in Mexican Spanish, spread
// into es.ts.
export const esMedia = {
  'drawing.pad.signature': 'Área para firmar',
  'drawing.pad.draw': 'Área para dibujar',
  'drawing.pad.annotate': 'La imagen para marcar',
  'drawing.pointerOnly':
    'Se firma o dibuja con el dedo, un lápiz o el ratón; con el teclado no se puede dibujar.',
  'drawing.clear': 'Borrar',
  'drawing.keep': 'Guardar dibujo',
  'drawing.keep.signature': 'Guardar firma',
  'drawing.empty': 'Todavía no hay nada dibujado.',
  'drawing.again': 'Dibujar de nuevo',
  'drawing.remove': 'Quitar dibujo',
  'drawing.kept.alt': 'El dibujo guardado',
  'drawing.saving': 'Guardando el dibujo…',
  'drawing.saved': 'Dibujo guardado.',
  'drawing.saveFailed': 'No se guardó el dibujo: {reason} Vuelva a intentar.',
  'drawing.chooseImage': 'Elegir una imagen para marcar',
  'drawing.otherImage': 'Usar otra imagen',
  'drawing.unreadable': 'Ese archivo no es una imagen que se pueda abrir. Elija otra (JPEG o PNG).',
};
