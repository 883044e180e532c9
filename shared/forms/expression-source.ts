// XLSForm expression text as people write it, turned into the ${name} form our parser reads:
// XPath paths to a question (/data/group/name, ../name, current()/../name) become ${name}; in a
// choice_filter, bare words name the choice's columns and become ${__choice.column}.

/** Reference prefix for a choice's own columns inside a choice filter. */
export const CHOICE_REF = '__choice.';

const QUOTED_OR_REF = /('[^']*'|"[^"]*"|\$\{[^}]*\})/;
const PATH =
  /(?:current\(\)\s*\/\s*)?(?:(?:\.\.\/)+|\.\/|\/)(?:[A-Za-z_][\w.-]*\/)*([A-Za-z_][\w.-]*)(?![\w.(/-])/g;
const OPERATORS = new Set(['and', 'or', 'div', 'mod']);
const BARE_WORD = /(^|[^\w.:$-])([A-Za-z_][\w.-]*)(?:::[^\s=!<>()]+)?(?=\s*(\(|$|[^\w.:-]))/g;

/** Rewrites the text outside quotes and ${…} with `rewrite`. */
function outsideQuotes(source: string, rewrite: (text: string) => string): string {
  return source
    .split(QUOTED_OR_REF)
    .map((part, i) => (i % 2 === 1 ? part : rewrite(part)))
    .join('');
}

export function normalizePaths(source: string): string {
  return outsideQuotes(source, (text) => text.replace(PATH, (_match, name: string) => `\${${name}}`));
}

/** A choice filter with its bare column names as ${__choice.column} references. */
export function normalizeChoiceFilter(source: string): string {
  return outsideQuotes(normalizePaths(source), (text) =>
    text.replace(BARE_WORD, (match, before: string, word: string, next: string) =>
      next === '(' || OPERATORS.has(word) ? match : `${before}\${${CHOICE_REF}${word}}`,
    ),
  );
}

const QUOTED = /('[^']*'|"[^"]*")/;
const REFERENCE =
  /(?:current\(\)\s*\/\s*)?(?:(?:\.\.\/)+|\.\/|\/)((?:[A-Za-z_][\w.-]*\/)*)([A-Za-z_][\w.-]*)(?![\w.(/-])|\$\{\s*([^}\s]*)\s*\}/g;

/**
 * Replaces each ${name} and XPath path outside quotes with what `resolve` returns for it; a path
 * comes with the names of the groups it passes through (none for ../name), a ${name} without.
 */
export function mapReferences(
  source: string,
  resolve: (name: string, groups: string[] | undefined, text: string) => string,
): string {
  return source
    .split(QUOTED)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(
            REFERENCE,
            (text, groups: string | undefined, name: string | undefined, ref?: string) =>
              ref !== undefined
                ? resolve(ref, undefined, text)
                : resolve(name ?? '', (groups ?? '').split('/').filter(Boolean), text),
          ),
    )
    .join('');
}

/** The ${name} references in a label or hint, each once. */
export function textReferences(text: string): string[] {
  return [...new Set([...text.matchAll(/\$\{\s*([^}\s]*)\s*\}/g)].map((m) => m[1] ?? ''))];
}
