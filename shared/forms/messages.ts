// Built-in validation messages, for when the form gives none.
import type { Localized } from './form-definition';

export const MESSAGES = {
  required: { es: 'Esta pregunta es obligatoria', en: 'This question is required' },
  invalid: { es: 'Respuesta no válida', en: 'Invalid answer' },
  integer: { es: 'Escriba un número entero', en: 'Enter a whole number' },
  decimal: { es: 'Escriba un número', en: 'Enter a number' },
  date: { es: 'Escriba una fecha válida (AAAA-MM-DD)', en: 'Enter a valid date (YYYY-MM-DD)' },
  time: { es: 'Escriba una hora válida (HH:MM)', en: 'Enter a valid time (HH:MM)' },
  dateTime: { es: 'Escriba una fecha y hora válidas', en: 'Enter a valid date and time' },
  geopoint: { es: 'Indique una ubicación válida', en: 'Give a valid location' },
  geotrace: { es: 'Marque al menos 2 puntos válidos', en: 'Mark at least 2 valid points' },
  geoshape: { es: 'Marque al menos 3 puntos válidos', en: 'Mark at least 3 valid points' },
  range: { es: 'Elija un valor de la escala', en: 'Choose a value on the scale' },
  rank: { es: 'Ordene todas las opciones, cada una una vez', en: 'Order every option, each once' },
  choice: { es: 'Elija una de las opciones', en: 'Choose one of the options' },
  choices: {
    es: 'Elija solo opciones de la lista, cada una una vez',
    en: 'Choose only options from the list, each once',
  },
  unknownQuestion: { es: 'Esta pregunta no existe en el formulario', en: 'This question is not in the form' },
} as const satisfies Record<string, Localized>;
