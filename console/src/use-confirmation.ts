// A row action that asks first: which row waits for a yes, and why the action failed. The
// failure is cleared each time a row is asked about, so an old one never shows in a new dialog.
import { useState } from 'react';
import { useConsole } from './store';

export function useConfirmation<T>() {
  const { t } = useConsole();
  const [asking, setAsking] = useState<T>();
  const [failure, setFailure] = useState<string>();
  return {
    asking,
    failure,
    ask(row: T) {
      setFailure(undefined);
      setAsking(row);
    },
    close: () => setAsking(undefined),
    /** Does the action: the dialog closes once it is done, and shows the failure if it fails. */
    async act(action: () => Promise<void>) {
      try {
        await action();
        setAsking(undefined);
      } catch (err) {
        setFailure(`${t.errorPrefix} ${err instanceof Error ? err.message : String(err)}`);
      }
    },
  };
}
