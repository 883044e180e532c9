// Stored text shown in a terminal. A kiosk's name, a ticket holder's or a token's comes from
// whoever typed it: ESC sequences in it could clear the screen, rewrite earlier lines, retitle
// the window or plant a link, and a line break could forge a line of output. Every control
// character (C0, DEL, C1), line or paragraph separator and bidirectional control (embeddings,
// overrides, isolates and the LRM, RLM and ALM marks) is shown as its escape (\x1b, \n, \u202e)
// instead, so the text reads as it is stored and never acts.
import { BIDI_CONTROLS, unicodeEscape } from '../shared/text/bidi-controls';

const UNSAFE = new RegExp(`[\\p{Cc}\\u2028\\u2029${BIDI_CONTROLS}]`, 'gu');

export function terminalText(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : unicodeEscape(c);
  });
}
