// geopoint: one point from the device, the venue or typed coordinates (see PointPicker).
import { useT } from '../i18n/use-t';
import { parsePoint, pointText } from './geopoint-value';
import { PointPicker } from './PointPicker';
import type { QuestionProps } from './question-props';

export function GeopointQuestion({ value, onChange, heading, notes, describedBy }: QuestionProps) {
  const { t } = useT();
  const point = typeof value === 'string' ? parsePoint(value) : undefined;
  return (
    <section className="question" aria-describedby={describedBy}>
      {heading}
      {notes}
      <PointPicker
        onPoint={(next) => onChange(next && pointText(next))}
        status={
          point
            ? t('geo.point', {
                latitude: point.latitude.toFixed(5),
                longitude: point.longitude.toFixed(5),
                accuracy: point.accuracy ?? 0,
              })
            : ''
        }
      />
    </section>
  );
}
