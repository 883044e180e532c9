// A filtered list's first match, kept in sight above the on-screen keyboard: the keyboard dock is
// sticky at the bottom of the scrolling screen, so a match near the end would sit under it.
const GAP_PX = 8;

export function keepAboveDock(list: HTMLElement | null): void {
  const first = list?.firstElementChild;
  const dock = list?.closest('.question')?.querySelector('.keyboard-dock');
  if (!(first instanceof HTMLElement) || !(dock instanceof HTMLElement)) return;
  const overlap = first.getBoundingClientRect().bottom + GAP_PX - dock.getBoundingClientRect().top;
  if (overlap > 0) scrollerOf(first)?.scrollBy(0, overlap);
}

/** The nearest ancestor that scrolls vertically (the page itself when none does). */
function scrollerOf(element: HTMLElement): Element | null {
  for (let node = element.parentElement; node !== null; node = node.parentElement) {
    const { overflowY } = getComputedStyle(node);
    if ((overflowY === 'auto' || overflowY === 'scroll') && node.scrollHeight > node.clientHeight)
      return node;
  }
  return document.scrollingElement;
}
