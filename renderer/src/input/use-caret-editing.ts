// Lets on-screen keys edit a field where its caret is, as a physical keyboard would, without
// taking focus from it.
import { useCallback, useLayoutEffect, useRef, type MouseEvent } from 'react';
import { applyEdit, type Edit } from './text-editing';

type Field = HTMLInputElement | HTMLTextAreaElement;

export function useCaretEditing(
  value: string,
  onChange: (next: string) => void,
  accept: (next: string) => boolean,
) {
  const fieldRef = useRef<Field | null>(null);
  const pendingCaret = useRef<number | null>(null);

  // React rewrites the value after an edit, which moves the caret to the end: put it back.
  useLayoutEffect(() => {
    const field = fieldRef.current;
    const caret = pendingCaret.current;
    pendingCaret.current = null;
    if (field && caret !== null && document.activeElement === field) field.setSelectionRange(caret, caret);
  });

  const setField = useCallback((field: Field | null) => {
    fieldRef.current = field;
  }, []);

  const edit = (change: Edit): void => {
    const field = fieldRef.current;
    const focused = field !== null && document.activeElement === field;
    const start = focused ? (field.selectionStart ?? value.length) : value.length;
    const end = focused ? (field.selectionEnd ?? value.length) : value.length;
    const next = applyEdit({ value, start, end }, change);
    if (!accept(next.value)) return;
    pendingCaret.current = next.caret;
    if (next.value !== value) onChange(next.value);
  };

  return { setField, edit };
}

/** For on-screen keys: a press must not move focus out of the field being typed in. */
export function keepFocus(event: MouseEvent): void {
  event.preventDefault();
}
