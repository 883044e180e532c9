// How long the page's main thread was kept busy while something ran: the longest lateness of a
// 4 ms interval timer (any task, however short) and the long tasks Chromium reports (≥ 50 ms).

const TICK_MS = 4;

export type MainThreadFigures = { longestStallMs: number; longTaskMs: number };

export async function watchMainThread<T>(work: () => Promise<T>): Promise<{ value: T } & MainThreadFigures> {
  let longTaskMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTaskMs += entry.duration;
  });
  observer.observe({ type: 'longtask' });
  let last = performance.now();
  let longestStallMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longestStallMs = Math.max(longestStallMs, now - last - TICK_MS);
    last = now;
  }, TICK_MS);
  try {
    const value = await work();
    // The tick after the work ends sees a stall at its very end too.
    await new Promise((resolve) => setTimeout(resolve, TICK_MS * 2));
    for (const entry of observer.takeRecords()) longTaskMs += entry.duration;
    return { value, longestStallMs, longTaskMs };
  } finally {
    clearInterval(timer);
    observer.disconnect();
  }
}
