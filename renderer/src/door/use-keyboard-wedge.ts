// Listens for a USB barcode scanner (a keyboard that types the code and Enter) while mounted.
import { useEffect } from 'react';
import { useLatest } from '../app/use-latest';
import { WedgeBuffer } from './wedge-buffer';

export function useKeyboardWedge(onText: (text: string) => void): void {
  const onTextRef = useLatest(onText);
  useEffect(() => {
    const buffer = new WedgeBuffer();
    const onKeyDown = (event: KeyboardEvent) => {
      // Shortcuts are no scanner's; a text field keeps what is typed in it.
      if (event.ctrlKey || event.altKey || event.metaKey || event.isComposing || isTextEntry(event.target)) {
        return;
      }
      const step = buffer.key(event.key, event.timeStamp);
      if (step.kind === 'ignored') return;
      // A scanned code must not also press the focused button (Enter) or scroll the page.
      event.preventDefault();
      if (step.kind === 'submit') onTextRef.current(step.text);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [onTextRef]);
}

const NOT_TEXT_INPUTS = new Set([
  'button',
  'checkbox',
  'radio',
  'submit',
  'reset',
  'image',
  'range',
  'color',
]);

function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !NOT_TEXT_INPUTS.has(target.type);
  return (
    target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || target.isContentEditable
  );
}
