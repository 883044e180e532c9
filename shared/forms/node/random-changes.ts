// Random single changes to a response, for checking incremental evaluation against a full one:
// one question's answer set or cleared (inside any repeat entry too), or a repeat entry added or
// removed. Each change is a new object along its path, as the kiosk makes them.
import { isInstanceList } from '../answer-values';
import type { CompiledForm, CompiledNode, CompiledQuestion } from '../compile-form';
import type { AnswerValue, Answers } from '../form-definition';
import type { Random } from './sample-answers';

type Path = readonly (string | number)[];
type Slot = { kind: 'answer'; path: Path; node: CompiledQuestion } | { kind: 'entries'; path: Path };

const TEXTS = ['', ' ', 'si', 'no', 'x', '0', '7', 'a@b.mx', 'texto á', '2026-05-01', 'otro'];

export function randomChange(form: CompiledForm, answers: Answers, rand: Random): Answers {
  const slots = slotsOf(form.roots, answers, []);
  const slot = slots[Math.floor(rand() * slots.length)];
  if (slot === undefined) return answers;
  if (slot.kind === 'answer') return setAt(answers, slot.path, answerFor(form, slot.node, rand));
  const entries = getAt(answers, slot.path);
  const list = isInstanceList(entries) ? entries : [];
  const dropped = list.length > 0 && rand() < 0.4 ? Math.floor(rand() * list.length) : -1;
  const next = dropped >= 0 ? list.filter((_, i) => i !== dropped) : [...list, {}];
  return setAt(answers, slot.path, next);
}

function slotsOf(nodes: readonly CompiledNode[], answers: Answers, prefix: Path): Slot[] {
  return nodes.flatMap((node): Slot[] => {
    const path = [...prefix, node.name];
    if (node.kind === 'question') return [{ kind: 'answer', path, node }];
    if (node.kind === 'group') return slotsOf(node.children, answers, prefix);
    const entries = getAt(answers, path);
    const inner = isInstanceList(entries)
      ? entries.flatMap((_, i) => slotsOf(node.children, answers, [...path, i]))
      : [];
    return [{ kind: 'entries', path }, ...inner];
  });
}

function answerFor(form: CompiledForm, node: CompiledQuestion, rand: Random): AnswerValue | undefined {
  if (rand() < 0.2) return undefined;
  const names = [...(node.choices ?? []), 'x'];
  const pick = (): string => names[Math.floor(rand() * names.length)] ?? 'x';
  const any = rand() < 0.1;
  switch (any ? 'text' : node.question.type) {
    case 'integer':
    case 'range':
      return Math.floor(rand() * 24) - 2;
    case 'decimal':
      return Math.round(rand() * 2000) / 100;
    case 'select_one':
      return pick();
    case 'select_multiple':
    case 'rank':
      return [...new Set([pick(), pick()])];
    case 'date':
      return `2026-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`;
    default:
      return rand() < 0.5 ? (TEXTS[Math.floor(rand() * TEXTS.length)] ?? '') : Math.floor(rand() * 10);
  }
}

function getAt(answers: Answers, path: Path): AnswerValue | undefined {
  let value: AnswerValue | Answers | undefined = answers;
  for (const key of path) {
    if (value === undefined || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, AnswerValue | Answers | undefined>)[key];
  }
  return value as AnswerValue | undefined;
}

/** `answers` with the value at `path` replaced (removed when undefined), copying only the path. */
function setAt(answers: Answers, path: Path, value: AnswerValue | undefined): Answers {
  const [key, index, ...rest] = path;
  if (typeof key !== 'string') return answers;
  const next = { ...answers };
  if (index === undefined) {
    if (value === undefined) delete next[key];
    else next[key] = value;
    return next;
  }
  const entries = next[key];
  if (!isInstanceList(entries) || typeof index !== 'number' || entries[index] === undefined) return answers;
  next[key] = entries.map((entry, i) => (i === index ? setAt(entry, rest, value) : entry));
  return next;
}
