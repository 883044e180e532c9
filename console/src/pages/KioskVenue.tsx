// The venue a door kiosk guards, chosen on the kiosks page (managers); a change is saved at once
// and said aloud. The event's main venue stands for "no venue".
import { useState, type ReactNode } from 'react';
import { KioskVenueResponseSchema, type Venue } from '../../../shared/console/venues-api';
import { api } from '../api';
import { useVenuesText } from '../i18n-venues';
import { said } from '../said';
import { useConsole } from '../store';
import '../venues.css';

export function KioskVenue(props: {
  kiosk: { id: string; name: string };
  venueId: string | null;
  venues: Venue[];
  onSaved(text: ReactNode): void;
}) {
  const { t } = useConsole();
  const v = useVenuesText();
  const [failure, setFailure] = useState<string>();
  const main = props.venues.find((venue) => venue.isDefault);
  const current = props.venueId ?? main?.id ?? '';
  const choose = async (venueId: string) => {
    const venue = props.venues.find((o) => o.id === venueId);
    try {
      await api(KioskVenueResponseSchema, `/kiosks/${encodeURIComponent(props.kiosk.id)}/venue`, {
        method: 'POST',
        body: { venueId: venue?.isDefault === true ? null : venueId },
      });
      setFailure(undefined);
      props.onSaved(said(v.kioskVenueSet, props.kiosk.name, venue?.name ?? ''));
    } catch (err) {
      setFailure(`${t.errorPrefix} ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  return (
    <div className="kiosk-venue">
      <select
        aria-label={v.kioskVenue(props.kiosk.name)}
        value={current}
        onChange={(e) => void choose(e.target.value)}
      >
        {props.venues.map((venue) => (
          <option key={venue.id} value={venue.id}>
            {venue.name}
          </option>
        ))}
      </select>
      {failure !== undefined && <p role="alert">{failure}</p>}
    </div>
  );
}
