// How a text question is typed, read from the form: capitals and length limit.
//
// Rule for capitals: a text question starts with a capital letter (names, places, sentences),
// unless it asks for an e-mail address, a web address or a code in small letters (name or
// constraint mentions an e-mail, @ or http, or appearance `lowercase`). A question whose
// constraint admits capital letters only (a regex with [A-Z] and no a-z, such as the school code
// CCT) or with appearance `uppercase` is typed all in capitals.

export type Capitals = 'none' | 'first' | 'all';

export type TextRules = { capitals: Capitals; maxLength: number | null };

type TextQuestion = { name: string; constraint?: string | undefined; appearance?: string | undefined };

const words = (text: string | undefined) => (text ?? '').split(/\s+/);

function capitals({ name, constraint = '', appearance }: TextQuestion): Capitals {
  if (words(appearance).includes('uppercase')) return 'all';
  if (words(appearance).includes('lowercase')) return 'none';
  const regex = /regex\(\s*\.\s*,\s*'([^']*)'/.exec(constraint)?.[1];
  if (regex !== undefined && /A-Z/.test(regex) && !/a-z/.test(regex)) return 'all';
  if (/correo|e-?mail|url|web|usuario|user/i.test(name) || /@|http/.test(constraint)) return 'none';
  return 'first';
}

/** The N of `string-length(.) <= N` (or `< N`) in a constraint, the field's length limit. */
export function maxLengthOf(constraint: string | undefined): number | null {
  const match = /string-length\(\s*\.\s*\)\s*(<=?)\s*(\d+)/.exec(constraint ?? '');
  if (!match?.[2]) return null;
  const limit = Number(match[2]);
  return match[1] === '<' ? limit - 1 : limit;
}

export function textRules(question: TextQuestion): TextRules {
  return { capitals: capitals(question), maxLength: maxLengthOf(question.constraint) };
}

/** Characters as the form engine counts them (code points: an emoji is one). */
export function characterCount(text: string): number {
  return [...text].length;
}
