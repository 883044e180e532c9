// geopoint: the device's position (navigator.geolocation) with its accuracy; where it has none,
// the kiosk's configured location or coordinates typed in by hand.
import { useId, useState } from 'react';
import { useT } from '../i18n/use-t';
import { selectSettings } from '../store/selectors';
import { useKiosk } from '../store/use-kiosk';
import { parsePoint, pointText, typedPoint, type Point } from './geopoint-value';
import type { QuestionProps } from './question-props';

type Status = 'idle' | 'locating' | 'failed';
const LOCATE_TIMEOUT_MS = 20_000;

export function GeopointQuestion({ value, onChange, heading, notes, describedBy }: QuestionProps) {
  const { t } = useT();
  const venue = useKiosk((state) => selectSettings(state)?.location);
  const [status, setStatus] = useState<Status>('idle');
  const [typed, setTyped] = useState({ latitude: '', longitude: '' });
  const latId = useId();
  const lonId = useId();
  const point = typeof value === 'string' ? parsePoint(value) : undefined;
  const answer = (next: Point | undefined) => onChange(next && pointText(next));

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setStatus('failed');
      return;
    }
    setStatus('locating');
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => {
        setStatus('idle');
        answer({
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
  const type = (field: 'latitude' | 'longitude', text: string) => {
    const next = { ...typed, [field]: text };
    setTyped(next);
    answer(typedPoint(next.latitude, next.longitude));
  };

  return (
    <section className="question" aria-describedby={describedBy}>
      {heading}
      {notes}
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
            onClick={() => answer({ ...venue, accuracy: 0 })}
          >
            {t('geo.venue')}
          </button>
        ) : null}
      </div>
      <p className="geo-status" role="status">
        {status === 'failed'
          ? t('geo.failed')
          : point
            ? t('geo.point', {
                latitude: point.latitude.toFixed(5),
                longitude: point.longitude.toFixed(5),
                accuracy: point.accuracy ?? 0,
              })
            : ''}
      </p>
      <fieldset className="geo-manual">
        <legend>{t('geo.manual')}</legend>
        <label htmlFor={latId}>{t('geo.latitude')}</label>
        <input
          id={latId}
          className="text-input"
          inputMode="decimal"
          autoComplete="off"
          value={typed.latitude}
          onChange={(event) => type('latitude', event.target.value)}
        />
        <label htmlFor={lonId}>{t('geo.longitude')}</label>
        <input
          id={lonId}
          className="text-input"
          inputMode="decimal"
          autoComplete="off"
          value={typed.longitude}
          onChange={(event) => type('longitude', event.target.value)}
        />
      </fieldset>
    </section>
  );
}
