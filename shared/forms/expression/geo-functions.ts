// area() and distance() of a geotrace / geoshape answer: "lat lon [alt acc];lat lon …", on a
// sphere of the Earth's equatorial radius, as ODK computes them.
import { fn, type FunctionTable } from './function-spec';
import { toText } from './values';

const EARTH_RADIUS = 6_378_100;
const RAD = Math.PI / 180;

type Point = { lat: number; lon: number };

export const GEO_FUNCTIONS = {
  area: fn(1, (_ctx, [shape = '']) => {
    const points = parsePoints(toText(shape));
    return points === undefined ? NaN : round2(Math.abs(ringArea(points)));
  }),
  distance: fn(1, (_ctx, [trace = '']) => {
    const points = parsePoints(toText(trace));
    if (points === undefined) return NaN;
    let total = 0;
    for (let i = 1; i < points.length; i++) total += haversine(points[i - 1] as Point, points[i] as Point);
    return round2(total);
  }),
} satisfies FunctionTable;

// Metres to the centimetre, as ODK reports them.
const round2 = (n: number): number => Math.round(n * 100) / 100;

function parsePoints(text: string): Point[] | undefined {
  const points: Point[] = [];
  for (const part of text.split(';')) {
    const [lat, lon] = part.trim().split(/\s+/).map(Number);
    if (lat === undefined || lon === undefined || !(Math.abs(lat) <= 90) || !(Math.abs(lon) <= 180))
      return undefined;
    points.push({ lat, lon });
  }
  return points;
}

function haversine(a: Point, b: Point): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS * Math.asin(Math.sqrt(h));
}

// Spherical polygon area (Chamberlain & Duquette), the polygon closed if it is not already.
function ringArea(points: readonly Point[]): number {
  let sum = 0;
  for (let i = 0; i < points.length; i++) {
    const p = points[i] as Point;
    const q = points[(i + 1) % points.length] as Point;
    sum += (q.lon - p.lon) * RAD * (2 + Math.sin(p.lat * RAD) + Math.sin(q.lat * RAD));
  }
  return (sum * EARTH_RADIUS * EARTH_RADIUS) / 2;
}
