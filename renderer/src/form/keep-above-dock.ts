// A filtered list's first match, kept in sight above the on-screen keyboard: the keyboard dock is
// sticky at the bottom of the scrolling screen, so a match near the end would sit under it. The
// search field stays in sight too, and the question's heading is scrolled away only as far as the
// match needs (on a tall screen, not at all), and brought back when there is room.
const GAP_PX = 8;

export function keepAboveDock(list: HTMLElement | null): void {
  const first = list?.firstElementChild;
  const question = list?.closest('.question');
  const dock = question?.querySelector('.keyboard-dock');
  const heading = question?.querySelector('legend');
  const field = question?.querySelector('input[type="search"]');
  if (!(first instanceof HTMLElement) || !(dock instanceof HTMLElement) || !heading || !field) return;
  const scroller = scrollerOf(first);
  if (scroller === null) return;
  const top = scroller === document.scrollingElement ? 0 : scroller.getBoundingClientRect().top;
  /** How far down the screen may scroll before the element leaves its top. */
  const room = (element: Element) => element.getBoundingClientRect().top - GAP_PX - top;
  // Down by `under` lifts the first match clear of the dock.
  const under = first.getBoundingClientRect().bottom + GAP_PX - dock.getBoundingClientRect().top;
  const by =
    under > 0 ? Math.min(under, room(field)) : room(heading) < 0 ? Math.max(room(heading), under) : 0;
  if (by !== 0) scroller.scrollBy(0, by);
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
