// The pages of a field form as ODK Collect walks them: one page per relevant question, and for
// each relevant repeat a list page followed by its entries' pages. The list page is where the
// flow arrives; an entry is filled page by page from it and returns to it.
import type { CompiledForm, CompiledGroup, CompiledNode } from '../../../shared/forms/compile-form';
import {
  evaluateLive,
  type FormEvaluation,
  type Page,
  type ValidationIssue,
} from '../../../shared/forms/engine';
import type { AnswerValue, Answers } from '../../../shared/forms/form-definition';

/** One entry of a repeat: the list page's path and the entry's position in it. */
export type EntryRef = { repeatPath: string; index: number };

export type FieldPage =
  | { kind: 'question'; path: string; page: Page; entry: EntryRef | undefined }
  | { kind: 'repeat'; path: string; repeat: CompiledGroup; count: number; entry: EntryRef | undefined };

export type FieldView = {
  evaluation: FormEvaluation;
  pages: FieldPage[];
  /** The current page's position, or -1 on the review. */
  index: number;
};

/** Where the review stands in the page order: after every page. */
export const REVIEW = -1;

export function entryPrefix(entry: EntryRef): string {
  return `${entry.repeatPath}.${entry.index}.`;
}

function isInstanceList(value: AnswerValue | undefined): value is Answers[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'object' && item !== null);
}

export function fieldPages(form: CompiledForm, evaluation: FormEvaluation): FieldPage[] {
  const pages: FieldPage[] = [];
  const walk = (nodes: readonly CompiledNode[], prefix: string, values: Answers, entry?: EntryRef) => {
    for (const node of nodes) {
      const path = prefix + node.name;
      if (!evaluation.relevant.has(path)) continue;
      if (node.kind === 'question') {
        // Filled in by the engine, never asked.
        if (['calculate', 'hidden', 'metadata'].includes(node.question.type)) continue;
        const repeat = entry && {
          name: entry.repeatPath.slice(entry.repeatPath.lastIndexOf('.') + 1),
          index: entry.index,
        };
        const page: Page = { path, question: node.question, groups: node.groups, ...(repeat && { repeat }) };
        pages.push({ kind: 'question', path, page, entry });
      } else if (node.kind === 'group') {
        walk(node.children, prefix, values, entry);
      } else {
        const own = Object.hasOwn(values, node.name) ? values[node.name] : undefined;
        const instances = isInstanceList(own) ? own : [];
        pages.push({ kind: 'repeat', path, repeat: node, count: instances.length, entry });
        instances.forEach((instance, index) =>
          walk(node.children, `${path}.${index}.`, instance, { repeatPath: path, index }),
        );
      }
    }
  };
  walk(form.roots, '', evaluation.values);
  return pages;
}

/** Finds a saved position: the page itself, else the list of the entry it was in, else the start. */
export function locate(pages: readonly FieldPage[], path: string): number {
  const exact = pages.findIndex((page) => page.path === path);
  if (exact >= 0) return exact;
  const inEntry = /^(.*)\.\d+\.[^.]+$/.exec(path);
  return inEntry?.[1] ? locate(pages, inEntry[1]) : 0;
}

export function fieldView(form: CompiledForm, answers: Answers, path: string | null): FieldView {
  const evaluation = evaluateLive(form, answers);
  const pages = fieldPages(form, evaluation);
  return { evaluation, pages, index: path === null ? REVIEW : locate(pages, path) };
}

function inside(page: FieldPage | undefined, entry: EntryRef | undefined): boolean {
  return page !== undefined && (entry === undefined || page.path.startsWith(entryPrefix(entry)));
}

/** Where Siguiente leads: past a list's entries, back to the list after an entry, or to the review. */
export function nextIndex(pages: readonly FieldPage[], index: number): number {
  const current = pages[index];
  if (!current) return REVIEW;
  let next = index + 1;
  if (current.kind === 'repeat') {
    while (pages[next]?.path.startsWith(`${current.path}.`)) next += 1;
  }
  if (current.entry && !inside(pages[next], current.entry)) {
    return pages.findIndex((page) => page.path === current.entry?.repeatPath);
  }
  return next < pages.length ? next : REVIEW;
}

/** Where Atrás leads: to the list from an entry's first page or from the page after the entries; -2 to leave the form. */
export function backIndex(pages: readonly FieldPage[], index: number): number {
  if (index === REVIEW) return pages.length - 1;
  const current = pages[index];
  if (!current) return -2;
  if (current.entry && !inside(pages[index - 1], current.entry)) {
    return pages.findIndex((page) => page.path === current.entry?.repeatPath);
  }
  let back = index - 1;
  // Skip the pages of entries the current page is not inside: the list comes before them.
  for (
    let page = pages[back];
    page?.entry && !current.path.startsWith(entryPrefix(page.entry));
    page = pages[back]
  ) {
    back -= 1;
  }
  return back >= 0 ? back : -2;
}

/** What keeps staff from leaving a page: its own issue, or for a list the first issue of its entries. */
export function pageIssue(view: FieldView, index: number): ValidationIssue | undefined {
  const page = view.pages[index];
  if (!page) return undefined;
  const own = view.evaluation.issues.get(page.path);
  if (own || page.kind === 'question') return own;
  const prefix = `${page.path}.`;
  return [...view.evaluation.issues.values()].find((issue) => issue.path.startsWith(prefix));
}

/** The first page holding an issue, or -1. */
export function firstIssueIndex(view: FieldView): number {
  const issue = view.evaluation.issues.values().next().value;
  return issue ? locate(view.pages, issue.path) : -1;
}

/** The innermost entry an issue's path lies in, with the page of the question at fault. */
export function issueEntry(
  pages: readonly FieldPage[],
  issue: ValidationIssue,
): { entry: EntryRef; page: FieldPage } | undefined {
  const page = pages.find((candidate) => candidate.path === issue.path);
  return page?.entry ? { entry: page.entry, page } : undefined;
}
