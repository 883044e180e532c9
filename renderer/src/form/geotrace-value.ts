// geotrace and geoshape answers as ODK stores them: points ("lat lon alt accuracy") joined by ";",
// a shape closed by repeating its first point at the end once it has three.
import { parsePoint, pointText, type Point } from './geopoint-value';

/** The points the person marked, each once (a shape's closing point left out). */
export function tracePoints(text: string, shape: boolean): Point[] {
  const points = text.split(';').flatMap((part) => parsePoint(part) ?? []);
  const [first, last] = [points[0], points.at(-1)];
  if (shape && points.length > 3 && first && last && samePlace(first, last)) points.pop();
  return points;
}

/** The answer for these points; undefined when there are none. */
export function traceText(points: readonly Point[], shape: boolean): string | undefined {
  if (points.length === 0) return undefined;
  const [first] = points;
  const stored = shape && first && points.length >= 3 ? [...points, first] : points;
  return stored.map(pointText).join(';');
}

const samePlace = (a: Point, b: Point): boolean => a.latitude === b.latitude && a.longitude === b.longitude;
