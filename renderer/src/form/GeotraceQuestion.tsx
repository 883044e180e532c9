// geotrace (a line) and geoshape (an area): points added one by one as the person walks the path
// or the edge, from the device, the venue or typed coordinates; the last can be taken back. No map:
// the points are listed.
import { useT } from '../i18n/use-t';
import { PointPicker } from './PointPicker';
import { traceText, tracePoints } from './geotrace-value';
import type { QuestionProps } from './question-props';

export function GeotraceQuestion({ page, value, onChange, heading, notes, describedBy }: QuestionProps) {
  const { t, tc } = useT();
  const shape = page.question.type === 'geoshape';
  const points = typeof value === 'string' ? tracePoints(value, shape) : [];
  const store = (next: Parameters<typeof traceText>[0]) => onChange(traceText(next, shape));
  return (
    <section className="question" aria-describedby={describedBy}>
      {heading}
      {notes}
      <PointPicker
        typedAdds
        onPoint={(point) => point && store([...points, point])}
        status={tc('geo.points', points.length)}
      />
      {points.length > 0 ? (
        <ol className="geo-points">
          {points.map((point, index) => (
            <li key={index}>
              {point.latitude.toFixed(5)}, {point.longitude.toFixed(5)}
            </li>
          ))}
        </ol>
      ) : null}
      <button
        type="button"
        className="button secondary"
        onClick={() => store(points.slice(0, -1))}
        disabled={points.length === 0}
      >
        {t('geo.removeLast')}
      </button>
    </section>
  );
}
