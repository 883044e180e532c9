// Reads something now and again every `everyMs` while the page shows it; a failed read keeps the
// last good answer and shows the error beside it. `refresh` reads at once (after a change).
import { useCallback, useEffect, useState } from 'react';

export function usePoll<T>(
  read: (() => Promise<T>) | undefined,
  everyMs: number,
): { data: T | undefined; error: string | undefined; refresh: () => void } {
  const [state, setState] = useState<{ data: T | undefined; error: string | undefined }>({
    data: undefined,
    error: undefined,
  });
  const [round, setRound] = useState(0);
  const refresh = useCallback(() => setRound((n) => n + 1), []);
  useEffect(() => {
    if (read === undefined) return;
    let live = true;
    const tick = () =>
      read().then(
        (data) => live && setState({ data, error: undefined }),
        (e: unknown) =>
          live && setState((s) => ({ ...s, error: e instanceof Error ? e.message : String(e) })),
      );
    void tick();
    const timer = setInterval(() => void tick(), everyMs);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [read, everyMs, round]);
  return { ...state, refresh };
}
