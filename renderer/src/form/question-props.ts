import type { ReactNode } from 'react';
import type { Page } from '../../../shared/forms/engine';
import type { AnswerValue, Choice } from '../../../shared/forms/form-definition';
import type { FormVersionShown } from '../../../shared/forms/form-media-url';

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
  /** The choices on offer now: the list through its choice_filter, in randomized order if asked. */
  choices: readonly Choice[];
  /** The form version shown, for its media files (choice images); pages outside a form show none. */
  form?: FormVersionShown;
};

export function hasAppearance(appearance: string | undefined, name: string): boolean {
  return (appearance ?? '').split(/\s+/).includes(name);
}

/**
 * What makes a field the question's entry: labelled by the heading, described by the hint and
 * message, marked invalid with the message, and found by `entryField`.
 */
export function entryAttributes({ headingId, describedBy, invalid }: EntryLabels) {
  return {
    'aria-labelledby': headingId,
    'aria-describedby': describedBy,
    'aria-invalid': invalid || undefined,
    'data-entry': true,
  } as const;
}

export type EntryLabels = Pick<QuestionProps, 'headingId' | 'describedBy' | 'invalid'>;

/** The field a text, number or date question is answered in, marked `data-entry`. */
export function entryField(root: HTMLElement | null): HTMLElement | null {
  return root?.querySelector<HTMLElement>('[data-entry]:not(:disabled)') ?? null;
}
