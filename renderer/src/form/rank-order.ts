// A ranking: every choice on offer once, in the person's order.

/** The order to show: the answer's, without choices no longer offered, then the new ones. */
export function rankOrder(answer: readonly string[] | undefined, offered: readonly string[]): string[] {
  const kept = (answer ?? []).filter((name) => offered.includes(name));
  return [...kept, ...offered.filter((name) => !kept.includes(name))];
}

/** The order with the item at `index` moved one place (-1 up, +1 down); unchanged at either end. */
export function moveRank(order: readonly string[], index: number, step: -1 | 1): string[] {
  const to = index + step;
  const next = order.slice();
  const [moving, other] = [next[index], next[to]];
  if (moving === undefined || other === undefined) return next;
  next[index] = other;
  next[to] = moving;
  return next;
}
