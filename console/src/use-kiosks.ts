// The event's kiosks by name, for the filters that pick one (the API filters by id).
import { useEffect, useState } from 'react';
import { KiosksResponseSchema, type Kiosk } from '../../shared/console/console-api';
import { api } from './api';

export function useKiosks(eventId: string | undefined): Kiosk[] {
  const [kiosks, setKiosks] = useState<Kiosk[]>([]);
  useEffect(() => {
    if (eventId === undefined) return;
    let live = true;
    api(KiosksResponseSchema, `/kiosks?eventId=${encodeURIComponent(eventId)}`).then(
      (r) => live && setKiosks(r.kiosks),
      () => live && setKiosks([]),
    );
    return () => {
      live = false;
    };
  }, [eventId]);
  return kiosks;
}
