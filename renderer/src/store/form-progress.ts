// Honest progress: "Paso 3 de 26" where 26 is the most pages this visitor can still meet, given
// only what they have already moved past. A later question counts unless it is irrelevant for
// sure: hidden now by answers on pages already behind the visitor. Answering the current or a later
// page can only take pages away, so along a forward path the total never grows and the fraction
// only rises. The last step is the review of answers, where "Enviar" is.
import type { CompiledForm, FormEvaluation } from '../../../shared/forms/engine';
import type { CompiledNode } from '../../../shared/forms/compile-form';
import { collectReferences, type Expr } from '../../../shared/forms/expression';
import { isInstanceList, ownAnswer } from '../../../shared/forms/answer-values';
import type { Answers } from '../../../shared/forms/form-definition';
import type { FormView } from './form-view';

export type Progress = {
  /** 1-based, the review included. */
  step: number;
  total: number;
};

/** Types the engine fills in and nobody is asked: settled from the start. */
const ENGINE_FILLED = new Set(['hidden', 'metadata']);
const NO_PAGE = new Set(['calculate', 'hidden', 'metadata']);

// Per compiled form, per node: the form-order index of the last asked question its own relevance
// reads, through calculations (-1: reads none, e.g. only hidden or metadata values).
const lastInputs = new WeakMap<CompiledForm, Map<CompiledNode, number>>();

function lastInputOf(form: CompiledForm, node: CompiledNode): number {
  let cache = lastInputs.get(form);
  if (!cache) {
    cache = new Map();
    lastInputs.set(form, cache);
  }
  const known = cache.get(node);
  if (known !== undefined) return known;
  const last = readsUpTo(form, node.relevant, new Set());
  cache.set(node, last);
  return last;
}

/** The form-order index of the last asked question an expression reads; Infinity when unknowable. */
function readsUpTo(form: CompiledForm, expr: Expr | undefined, seen: Set<CompiledNode>): number {
  if (!expr) return -1;
  let last = -1;
  for (const name of collectReferences(expr)) {
    const node = form.byName.get(name);
    if (!node || node.kind !== 'question' || seen.has(node)) {
      // A group's name or a cycle: assume it may change (counting a page too many is safe).
      if (!node || node.kind !== 'question') return Infinity;
      continue;
    }
    seen.add(node);
    const { type } = node.question;
    if (ENGINE_FILLED.has(type)) continue;
    if (type === 'calculate') {
      // A calculation is as settled as what it reads, and as its own relevance (and its groups').
      last = Math.max(last, readsUpTo(form, node.calculation, seen));
      for (let at: CompiledNode | undefined = node; at; at = at.parent) {
        last = Math.max(last, readsUpTo(form, at.relevant, seen));
      }
    } else {
      last = Math.max(last, node.index);
    }
  }
  return last;
}

/**
 * The paths, in form order, of every page the visitor may still see: the relevant ones, and the
 * irrelevant ones whose relevance could still change once `settledBefore` (the current page's
 * form-order index) is passed.
 */
function possiblePages(form: CompiledForm, evaluation: FormEvaluation, settledBefore: number): string[] {
  const paths: string[] = [];
  const walk = (nodes: readonly CompiledNode[], prefix: string, values: Answers, known: boolean): void => {
    for (const node of nodes) {
      const path = prefix + node.name;
      // `known`: the parent is relevant, so the evaluation holds this node's own relevance.
      const relevant = known && evaluation.relevant.has(path);
      if (known && !relevant && lastInputOf(form, node) < settledBefore) continue;
      if (node.kind === 'question') {
        if (!NO_PAGE.has(node.question.type)) paths.push(path);
      } else if (node.kind === 'group') {
        walk(node.children, prefix, values, relevant);
      } else {
        // A count still to be answered adds its pages once it is passed (the floors then hold
        // the bar); counting them while it is typed would move the bar back under the finger.
        const counted = readsUpTo(form, node.repeatCount, new Set()) < settledBefore;
        const instances = relevant ? ownAnswer(values, node.name) : undefined;
        if (relevant && !counted) continue;
        if (isInstanceList(instances)) {
          instances.forEach((instance, i) => walk(node.children, `${path}.${i}.`, instance, true));
        } else {
          walk(node.children, `${path}.0.`, {}, false);
        }
      }
    }
  };
  walk(form.roots, '', evaluation.values, true);
  return paths;
}

/** Where the visitor stands on the page in view; `reviewing` is the review after the last page. */
export function formProgress(form: CompiledForm, view: FormView, reviewing: boolean): Progress {
  const { page, pages, index, evaluation } = view;
  if (reviewing || !page) return { step: pages.length + 1, total: pages.length + 1 };
  const node = form.byName.get(page.path.split('.').pop() ?? '');
  const paths = possiblePages(form, evaluation, node?.index ?? Infinity);
  const at = paths.indexOf(page.path);
  const later = at < 0 ? pages.length - 1 - index : paths.length - 1 - at;
  return { step: index + 1, total: index + 1 + later + 1 };
}

/**
 * The share of the bar to fill, 0–1: never less than on the page before along this visitor's
 * forward path (`floors[i]` is what page i showed when they left it), so that a total only known
 * late (a repeat counted by an answer still ahead) cannot push the bar back.
 */
export function shownFraction(progress: Progress, floors: readonly number[], index: number): number {
  return Math.max(progress.step / progress.total, floors[index - 1] ?? 0);
}
