// Reads something now and again every `everyMs` while the page shows it; a failed read keeps the
// last good answer and shows the error beside it. `refresh` reads at once (after a change).
import { useCallback, useEffect, useState } from 'react';
import { NoAnswerError } from './api';
import { startPoll } from './poll';
import { useConsole } from './store';

export function usePoll<T>(
  read: ((signal: AbortSignal) => Promise<T>) | undefined,
  everyMs: number,
  /** What the answers are of (the event): once it changes, the last answer is no longer shown. */
  of?: string,
): { data: T | undefined; error: string | undefined; refresh: () => void } {
  const t = useConsole((s) => s.t);
  const [state, setState] = useState<{ of: string | undefined; data?: T; failure?: Error }>({ of });
  const [round, setRound] = useState(0);
  const refresh = useCallback(() => setRound((n) => n + 1), []);
  useEffect(() => {
    if (read === undefined) return;
    // A new round stops the old poll: an answer read before the change never reaches the page.
    return startPoll(read, everyMs, {
      data: (data) => setState({ of, data }),
      error: (failure) => setState((s) => (s.of === of ? { ...s, failure } : { of, failure })),
    });
  }, [read, everyMs, of, round]);
  // Checked as the page draws, so not even one frame shows another event's figures under this one.
  const shown = state.of === of ? state : { data: undefined, failure: undefined };
  const failure = shown.failure;
  return {
    data: shown.data,
    error: failure instanceof NoAnswerError ? t.noAnswer : failure?.message,
    refresh,
  };
}
