// Where a point comes from: the device's position (navigator.geolocation) with its accuracy, the
// kiosk's configured location, or coordinates typed in by hand. geopoint answers with each point
// as it comes; geotrace and geoshape add each to their list (typed ones with an Add button).
import { Fragment, useId, useState } from 'react';
import { useT } from '../i18n/use-t';
import { selectSettings } from '../store/selectors';
import { useKiosk } from '../store/use-kiosk';
import { typedPoint, type Point } from './geopoint-value';

type Status = 'idle' | 'locating' | 'failed';
const COORDINATES = ['latitude', 'longitude'] as const;
const LOCATE_TIMEOUT_MS = 20_000;

type Props = {
  onPoint(point: Point | undefined): void;
  /** What the answer holds so far, shown while nothing failed. */
  status: string;
  /** Typed coordinates wait for the Add button rather than answering as they are typed. */
  typedAdds?: boolean;
};

export function PointPicker({ onPoint, status: shown, typedAdds = false }: Props) {
  const { t } = useT();
  const venue = useKiosk((state) => selectSettings(state)?.location);
  const [status, setStatus] = useState<Status>('idle');
  const [typed, setTyped] = useState({ latitude: '', longitude: '' });
  const fieldsId = useId();
  const typedNow = typedPoint(typed.latitude, typed.longitude);

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setStatus('failed');
      return;
    }
    setStatus('locating');
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => {
        setStatus('idle');
        onPoint({
          latitude: coords.latitude,
          longitude: coords.longitude,
          altitude: coords.altitude ?? 0,
          accuracy: Math.round(coords.accuracy),
        });
      },
      () => setStatus('failed'),
      { enableHighAccuracy: true, timeout: LOCATE_TIMEOUT_MS },
    );
  };
  const type = (field: (typeof COORDINATES)[number], text: string) => {
    const next = { ...typed, [field]: text };
    setTyped(next);
    if (!typedAdds) onPoint(typedPoint(next.latitude, next.longitude));
  };
  const addTyped = () => {
    onPoint(typedNow);
    setTyped({ latitude: '', longitude: '' });
  };

  return (
    <>
      <div className="geo-actions">
        <button
          type="button"
          className="button primary"
          onClick={locate}
          disabled={status === 'locating'}
          data-entry
        >
          {status === 'locating' ? t('geo.locating') : t('geo.locate')}
        </button>
        {venue ? (
          <button
            type="button"
            className="button secondary"
            onClick={() => onPoint({ ...venue, accuracy: 0 })}
          >
            {t('geo.venue')}
          </button>
        ) : null}
      </div>
      <p className="geo-status" role="status">
        {status === 'failed' ? t('geo.failed') : shown}
      </p>
      <fieldset className="geo-manual">
        <legend>{t('geo.manual')}</legend>
        {COORDINATES.map((field) => (
          <Fragment key={field}>
            <label htmlFor={`${fieldsId}-${field}`}>{t(`geo.${field}`)}</label>
            <input
              id={`${fieldsId}-${field}`}
              className="text-input"
              inputMode="decimal"
              autoComplete="off"
              value={typed[field]}
              onChange={(event) => type(field, event.target.value)}
            />
          </Fragment>
        ))}
        {typedAdds ? (
          <button type="button" className="button secondary" onClick={addTyped} disabled={!typedNow}>
            {t('geo.addPoint')}
          </button>
        ) : null}
      </fieldset>
    </>
  );
}
