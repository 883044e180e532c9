import type { ReactNode } from 'react';
import type { Page } from '../../../shared/forms/engine';
import type { AnswerValue, Choice } from '../../../shared/forms/form-definition';

/** What every question widget gets from the page around it. */
export type QuestionProps = {
  page: Page;
  value: AnswerValue | undefined;
  onChange(value: AnswerValue | undefined): void;
  /** The question's heading, already focused on arrival; widgets put it where it labels them. */
  heading: ReactNode;
  headingId: string;
  /** Hint and validation message, in the order they belong after the heading. */
  notes: ReactNode;
  /** ids of the hint and message, for aria-describedby. */
  describedBy: string;
  invalid: boolean;
  choices: readonly Choice[];
};

export function hasAppearance(appearance: string | undefined, name: string): boolean {
  return (appearance ?? '').split(/\s+/).includes(name);
}

/** The field a text, number or date question is answered in, marked `data-entry`. */
export function entryField(root: HTMLElement | null): HTMLElement | null {
  return root?.querySelector<HTMLElement>('[data-entry]') ?? null;
}
