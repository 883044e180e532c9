// The visitor's review of answers and group hints in Mexican Spanish, spread into es.ts.
export const esVisitor = {
  'visitor.review.title': 'Revise sus respuestas',
  'visitor.review.help': 'Toque «Cambiar» para corregir una respuesta. Si todo está bien, toque Enviar.',
  'visitor.review.return': 'Volver a la revisión',
  'visitor.issue.groupHint': '{message}. Recuerde: {hint}',
} as const;
