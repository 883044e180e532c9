// A geopoint answer as ODK stores it: "latitude longitude altitude accuracy" (metres).
export type Point = { latitude: number; longitude: number; altitude?: number; accuracy?: number };

export function pointText({ latitude, longitude, altitude, accuracy }: Point): string {
  return `${latitude} ${longitude} ${altitude ?? 0} ${accuracy ?? 0}`;
}

export function parsePoint(text: string): Point | undefined {
  const [latitude, longitude, altitude, accuracy] = text.trim().split(/\s+/).map(Number);
  if (latitude === undefined || longitude === undefined || !Number.isFinite(latitude + longitude))
    return undefined;
  return {
    latitude,
    longitude,
    ...(altitude !== undefined && Number.isFinite(altitude) && { altitude }),
    ...(accuracy !== undefined && Number.isFinite(accuracy) && { accuracy }),
  };
}

/** Typed coordinates as a point; undefined until both are numbers on the globe. */
export function typedPoint(latitude: string, longitude: string): Point | undefined {
  const [lat, lon] = [Number(latitude), Number(longitude)];
  if (latitude.trim() === '' || longitude.trim() === '' || !Number.isFinite(lat) || !Number.isFinite(lon))
    return undefined;
  return Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? { latitude: lat, longitude: lon } : undefined;
}
