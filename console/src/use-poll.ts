// Reads something now and again every `everyMs` while the page shows it; a failed read keeps the
// last good answer and shows the error beside it. `refresh` reads at once (after a change).
import { useCallback, useEffect, useState } from 'react';
import { startPoll } from './poll';

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
    // A new round stops the old poll: an answer read before the change never reaches the page.
    return startPoll(read, everyMs, {
      data: (data) => setState({ data, error: undefined }),
      error: (error) => setState((s) => ({ ...s, error })),
    });
  }, [read, everyMs, round]);
  return { ...state, refresh };
}
