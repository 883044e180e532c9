// The drawing pad's words in English, spread into en.ts.
import type { esMedia } from './media.es';

export const enMedia: Record<keyof typeof esMedia, string> = {
  'drawing.pad.signature': 'Signature pad',
  'drawing.pad.draw': 'Drawing pad',
  'drawing.pad.annotate': 'The image to mark',
  'drawing.pointerOnly': 'Sign or draw with a finger, a pen or the mouse; the keyboard cannot draw.',
  'drawing.clear': 'Clear',
  'drawing.keep': 'Save drawing',
  'drawing.keep.signature': 'Save signature',
  'drawing.empty': 'Nothing is drawn yet.',
  'drawing.again': 'Draw again',
  'drawing.remove': 'Remove drawing',
  'drawing.kept.alt': 'The saved drawing',
  'drawing.saving': 'Saving the drawing…',
  'drawing.saved': 'Drawing saved.',
  'drawing.saveFailed': 'The drawing was not saved: {reason} Please try again.',
  'drawing.chooseImage': 'Choose an image to mark',
  'drawing.otherImage': 'Use another image',
  'drawing.unreadable': 'That file is not an image that can be opened. Choose another (JPEG or PNG).',
};
