// The event's kiosks by name, for the filters that pick one (the API filters by id).
import { useEffect, useState } from 'react';
import { KiosksResponseSchema, type Kiosk } from '../../shared/console/console-api';
import { api } from './api';

export function useKiosks(eventId: string | undefined): Kiosk[] {
  const [list, setList] = useState<{ of: string | undefined; kiosks: Kiosk[] }>({ of: eventId, kiosks: [] });
  useEffect(() => {
    if (eventId === undefined) return;
    const reading = new AbortController();
    api(KiosksResponseSchema, `/kiosks?eventId=${encodeURIComponent(eventId)}`, {
      signal: reading.signal,
    }).then(
      (r) => setList({ of: eventId, kiosks: r.kiosks }),
      () => reading.signal.aborted || setList({ of: eventId, kiosks: [] }),
    );
    return () => reading.abort();
  }, [eventId]);
  // Another event's kiosks are never offered under this one, not even until its list arrives.
  return list.of === eventId ? list.kiosks : [];
}
