// Reading and changing answers by the engine's paths ("nombre_portador", "ingredientes.2.ingrediente"),
// and a repeat's entries as a list: add, delete, move. Every change returns new objects.
import type { AnswerValue, Answers } from '../../../shared/forms/form-definition';

function isBlank(value: AnswerValue): boolean {
  return (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

function asEntries(value: AnswerValue | undefined): Answers[] {
  return Array.isArray(value)
    ? value.filter(
        (item): item is Answers => typeof item === 'object' && item !== null && !Array.isArray(item),
      )
    : [];
}

/** The answers object a path's last name lives in, and that name. */
function scopeOf(answers: Answers, path: string): { scope: Answers | undefined; name: string } {
  const parts = path.split('.');
  const name = parts.pop() ?? '';
  let scope: Answers | undefined = answers;
  for (let i = 0; i + 1 < parts.length && scope; i += 2) {
    scope = asEntries(scope[parts[i] ?? ''])[Number(parts[i + 1])];
  }
  return { scope, name };
}

export function answerAt(answers: Answers, path: string): AnswerValue | undefined {
  const { scope, name } = scopeOf(answers, path);
  return scope && Object.hasOwn(scope, name) ? scope[name] : undefined;
}

/** Rebuilds the answers with `change` applied to the object holding `path`'s last name. */
function updateScope(
  answers: Answers,
  parts: readonly string[],
  change: (scope: Answers) => Answers,
): Answers {
  if (parts.length === 0) return change(answers);
  const [repeat = '', index = '', ...rest] = parts;
  const entries = asEntries(answers[repeat]);
  const at = Number(index);
  const entry = entries[at];
  if (!entry) return answers;
  const changed = entries.map((item, i) => (i === at ? updateScope(item, rest, change) : item));
  return { ...answers, [repeat]: changed };
}

/** Stores an answer at a path; undefined, blank text or no option chosen removes it. */
export function withAnswerAt(answers: Answers, path: string, value: AnswerValue | undefined): Answers {
  const parts = path.split('.');
  const name = parts.pop() ?? '';
  return updateScope(answers, parts, (scope) => {
    const next = { ...scope };
    if (value === undefined || isBlank(value)) delete next[name];
    else next[name] = value;
    return next;
  });
}

export function entriesAt(answers: Answers, repeatPath: string): Answers[] {
  return asEntries(answerAt(answers, repeatPath));
}

function withEntries(
  answers: Answers,
  repeatPath: string,
  change: (entries: Answers[]) => Answers[],
): Answers {
  const parts = repeatPath.split('.');
  const name = parts.pop() ?? '';
  return updateScope(answers, parts, (scope) => {
    const entries = change(asEntries(scope[name]));
    const next = { ...scope };
    if (entries.length === 0) delete next[name];
    else next[name] = entries;
    return next;
  });
}

/** Appends an entry: empty, or with its questions' defaults. */
export function addEntry(answers: Answers, repeatPath: string, entry: Answers = {}): Answers {
  return withEntries(answers, repeatPath, (entries) => [...entries, entry]);
}

export function deleteEntry(answers: Answers, repeatPath: string, index: number): Answers {
  return withEntries(answers, repeatPath, (entries) => entries.filter((_, i) => i !== index));
}

/** Moves an entry one place up (-1) or down (+1); at either end nothing changes. */
export function moveEntry(answers: Answers, repeatPath: string, index: number, step: -1 | 1): Answers {
  return withEntries(answers, repeatPath, (entries) => {
    const to = index + step;
    const moving = entries[index];
    const other = entries[to];
    if (!moving || !other) return entries;
    const moved = entries.slice();
    moved[index] = other;
    moved[to] = moving;
    return moved;
  });
}
