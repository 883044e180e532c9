// Unicode's bidirectional controls: embeddings and overrides (U+202A–E), isolates (U+2066–9) and
// the LRM, RLM and ALM marks. In text someone typed they make what is shown read in another order
// than it is stored; each writer of text into another language (a terminal, SPSS, HTML) handles
// them, all by this one list.

/** The controls as the body of a regular expression's character class. */
export const BIDI_CONTROLS = '\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';

/** A character as its \u escape (\u202e), how the terminal and the codebook show a control. */
export const unicodeEscape = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
