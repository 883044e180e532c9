// The simulated webcam: a ticket (QR code or blank) on a cluttered, unevenly lit background, seen
// through a pinhole camera at 640×480, 3×3 supersampled (6×6 for screens), then lens and motion
// blur, shadow, glare, sensor noise and the camera's JPEG compression, as a shot asks.
import QRCode from 'qrcode';
import {
  type Homography,
  type Point,
  type Raster,
  addNoise,
  channels,
  createRaster,
  gaussianBlur,
  homography,
  project,
} from './raster';
import { jpegArtifacts, motionBlur } from './raster-effects';
import type { Rng } from './rng';

export const FRAME_WIDTH = 640;
export const FRAME_HEIGHT = 480;

/** How the webcam sees the code. Angles in degrees, lengths in frame pixels. */
export type Shot = {
  /** Frame pixels per QR module at the code's centre. */
  pitch: number;
  rotation: number;
  tiltX: number;
  tiltY: number;
  center: Point;
  blur: number;
  noise: number;
  /** Share of the normal tonal range left (1 = normal); the rest becomes a grey floor. */
  contrast: number;
  /** Brightest/darkest ratio of the uneven light across the frame. */
  lightFalloff: number;
  glare: { u: number; v: number; radius: number; strength: number } | null;
  screen: {
    pixelsPerModule: number;
    tint: [number, number, number];
    bandPeriod: number;
    bandDepth: number;
  } | null;
  /** A hard shadow (a hand, a phone) over part of the code: its edge passes through (u, v), as
   * shares of the code's side like the glare's, at `angle` radians; `depth` of the light is lost
   * beyond it, over a soft band `penumbra` px wide. */
  shadow: { u: number; v: number; angle: number; depth: number; penumbra: number } | null;
  /** The ticket moving while the shutter is open: a streak `length` px long at `angle` radians. */
  motion: { length: number; angle: number } | null;
  /** The webcam's own MJPEG compression, at this quality (1–100). */
  jpegQuality: number | null;
};
const FOCAL_PX = 560; // ≈ 60° horizontal field of view at 640 px, a typical webcam
const QUIET_ZONE = 4;
const BLANK_TICKET_MODULES = 41;

/** Module coordinates (u right, v down, QR from 0 to size) → frame pixels, through a pinhole camera. */
function cameraHomography(size: number, shot: Shot): Homography {
  const rad = Math.PI / 180;
  const [ax, ay, az] = [shot.tiltX * rad, shot.tiltY * rad, shot.rotation * rad];
  const span = size + 20;
  const corners: Point[] = [
    { x: -10, y: -10 },
    { x: span - 10, y: -10 },
    { x: span - 10, y: span - 10 },
    { x: -10, y: span - 10 },
  ];
  const imaged = corners.map(({ x: u, y: v }) => {
    let x = (u - size / 2) * shot.pitch;
    let y = (v - size / 2) * shot.pitch;
    let z = 0;
    [y, z] = [y * Math.cos(ax) - z * Math.sin(ax), y * Math.sin(ax) + z * Math.cos(ax)];
    [x, z] = [x * Math.cos(ay) + z * Math.sin(ay), -x * Math.sin(ay) + z * Math.cos(ay)];
    [x, y] = [x * Math.cos(az) - y * Math.sin(az), x * Math.sin(az) + y * Math.cos(az)];
    const scale = FOCAL_PX / (FOCAL_PX + z);
    return { x: shot.center.x + x * scale, y: shot.center.y + y * scale };
  });
  return homography(corners, imaged);
}

/** `text` null: the same scene with a blank ticket in it. */
export function renderFrame(text: string | null, shot: Shot, rng: Rng): Raster {
  const modules = text === null ? null : QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const size = modules?.size ?? BLANK_TICKET_MODULES;
  const dark = new Uint8Array(size * size);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) dark[row * size + col] = modules?.get(row, col) ?? 0;
  }

  const frame = createRaster(FRAME_WIDTH, FRAME_HEIGHT);
  paintBackground(frame, rng);

  const toFrame = cameraHomography(size, shot);
  const margin = QUIET_ZONE + (shot.screen ? 1 : rng.range(2, 7));
  const bezel = shot.screen ? 3 : 0;
  const outer = margin + bezel;
  const outline = [
    { x: -outer, y: -outer },
    { x: size + outer, y: -outer },
    { x: size + outer, y: size + outer },
    { x: -outer, y: size + outer },
  ];
  const imagedOutline = outline.map((p) => project(toFrame, p.x, p.y));
  const toModules = homography(imagedOutline, outline);

  const paper = shot.screen
    ? [250, 250, 250]
    : [rng.range(228, 248), rng.range(226, 244), rng.range(215, 238)];
  const ink = shot.screen ? [12, 12, 12] : [rng.range(15, 40), rng.range(15, 40), rng.range(20, 45)];
  const screen = shot.screen;
  const sample = new Float32Array(3);
  /** Writes the colour at module coordinates (u, v) into `sample`; false where the scene shows through. */
  const material = (u: number, v: number): boolean => {
    if (u < -outer || v < -outer || u >= size + outer || v >= size + outer) return false;
    if (u < -margin || v < -margin || u >= size + margin || v >= size + margin) {
      sample.fill(22); // the phone's bezel
      return true;
    }
    const isDark =
      u >= 0 && v >= 0 && u < size && v < size && dark[Math.floor(v) * size + Math.floor(u)] === 1;
    const tone = isDark ? ink : paper;
    if (!screen) {
      sample[0] = tone[0] as number;
      sample[1] = tone[1] as number;
      sample[2] = tone[2] as number;
      return true;
    }
    // A screen seen up close: RGB subpixel stripes and dark gaps between pixel rows, which beat
    // against the camera's own pixel grid into moiré.
    const su = u * screen.pixelsPerModule;
    const sv = v * screen.pixelsPerModule;
    const lit = sv - Math.floor(sv) < 0.8 ? 1 : 0.25;
    const subpixel = Math.floor((su - Math.floor(su)) * 3);
    for (let c = 0; c < 3; c++) sample[c] = (tone[c] as number) * (c === subpixel ? 2.6 : 0.2) * lit;
    return true;
  };

  // Sensor pixels integrate light over their area. A screen's subpixels are finer than a camera
  // pixel: sampling them sparsely would alias into far stronger moiré than a real photo shows.
  const supersample = screen ? 6 : 3;
  const covered = new Float32Array(FRAME_WIDTH * FRAME_HEIGHT);
  const bounds = boundingBox(imagedOutline);
  const planes = channels(frame);
  const acc = [0, 0, 0];
  // Unpacked: this loop runs millions of times per frame.
  const [h0, h1, h2, h3, h4, h5, h6, h7, h8] = toModules as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  for (let y = bounds.top; y <= bounds.bottom; y++) {
    for (let x = bounds.left; x <= bounds.right; x++) {
      let hits = 0;
      acc.fill(0);
      for (let sy = 0; sy < supersample; sy++) {
        for (let sx = 0; sx < supersample; sx++) {
          const fx = x + (sx + 0.5) / supersample;
          const fy = y + (sy + 0.5) / supersample;
          const w = h6 * fx + h7 * fy + h8;
          if (!material((h0 * fx + h1 * fy + h2) / w, (h3 * fx + h4 * fy + h5) / w)) continue;
          hits++;
          for (let c = 0; c < 3; c++) acc[c] = (acc[c] as number) + (sample[c] as number);
        }
      }
      if (hits === 0) continue;
      const i = y * FRAME_WIDTH + x;
      const share = hits / (supersample * supersample);
      covered[i] = share;
      planes.forEach((plane, c) => {
        plane[i] = (plane[i] as number) * (1 - share) + ((acc[c] as number) / hits) * share;
      });
    }
  }

  light(frame, shot, rng);
  if (shot.shadow) addShadow(frame, shot.shadow, toFrame, size);
  if (screen) {
    planes.forEach((plane, c) => scale(plane, screen.tint[c] as number));
    band(frame, covered, screen.bandPeriod, screen.bandDepth, rng.range(0, Math.PI * 2));
  }
  gaussianBlur(frame, shot.blur);
  if (shot.motion) motionBlur(frame, shot.motion.length, shot.motion.angle);
  if (shot.glare)
    addGlare(
      frame,
      shot.glare,
      project(toFrame, shot.glare.u * size, shot.glare.v * size),
      size * shot.pitch,
    );
  addNoise(frame, rng, shot.noise);
  if (shot.jpegQuality !== null) jpegArtifacts(frame, shot.jpegQuality);
  return frame;
}

function boundingBox(points: Point[]): { left: number; top: number; right: number; bottom: number } {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  return {
    left: Math.max(0, Math.floor(Math.min(...xs))),
    top: Math.max(0, Math.floor(Math.min(...ys))),
    right: Math.min(FRAME_WIDTH - 1, Math.ceil(Math.max(...xs))),
    bottom: Math.min(FRAME_HEIGHT - 1, Math.ceil(Math.max(...ys))),
  };
}

/** A blurry room: a colour gradient with a few out-of-focus objects in it. */
function paintBackground(frame: Raster, rng: Rng): void {
  const from = [rng.range(40, 160), rng.range(40, 160), rng.range(40, 160)];
  const to = [rng.range(40, 160), rng.range(40, 160), rng.range(40, 160)];
  channels(frame).forEach((plane, c) => {
    const [a, b] = [from[c] as number, to[c] as number];
    for (let y = 0; y < FRAME_HEIGHT; y++) {
      for (let x = 0; x < FRAME_WIDTH; x++) {
        const t = (x / FRAME_WIDTH + y / FRAME_HEIGHT) / 2;
        plane[y * FRAME_WIDTH + x] = a * (1 - t) + b * t;
      }
    }
  });
  for (let n = rng.int(2, 5); n > 0; n--) {
    const colour = [rng.range(20, 220), rng.range(20, 220), rng.range(20, 220)];
    const [x0, y0] = [rng.int(0, FRAME_WIDTH - 1), rng.int(0, FRAME_HEIGHT - 1)];
    const [x1, y1] = [
      Math.min(FRAME_WIDTH, x0 + rng.int(40, 260)),
      Math.min(FRAME_HEIGHT, y0 + rng.int(40, 200)),
    ];
    channels(frame).forEach((plane, c) => {
      for (let y = y0; y < y1; y++)
        plane.fill(colour[c] as number, y * FRAME_WIDTH + x0, y * FRAME_WIDTH + x1);
    });
  }
}

/** Uneven light across the frame, then the exposure's tonal range squeezed toward a grey floor. */
function light(frame: Raster, shot: Shot, rng: Rng): void {
  const angle = rng.range(0, Math.PI * 2);
  const [dx, dy] = [Math.cos(angle), Math.sin(angle)];
  const halfDiagonal = Math.hypot(FRAME_WIDTH, FRAME_HEIGHT) / 2;
  const floor = (1 - shot.contrast) * rng.range(90, 130);
  // gain = falloff^−(1−along)/2 with `along` linear in x and y, so it factors into a row and a column term.
  const k = Math.log(shot.lightFalloff) / 2;
  const columnGain = Float32Array.from({ length: FRAME_WIDTH }, (_, x) =>
    Math.exp((k * (x - FRAME_WIDTH / 2) * dx) / halfDiagonal),
  );
  const rowGain = Float32Array.from({ length: FRAME_HEIGHT }, (_, y) =>
    Math.exp(-k + (k * (y - FRAME_HEIGHT / 2) * dy) / halfDiagonal),
  );
  for (const plane of channels(frame)) {
    for (let y = 0; y < FRAME_HEIGHT; y++) {
      const rowFactor = (rowGain[y] as number) * shot.contrast;
      for (let x = 0; x < FRAME_WIDTH; x++) {
        const i = y * FRAME_WIDTH + x;
        plane[i] = floor + (plane[i] as number) * rowFactor * (columnGain[x] as number);
      }
    }
  }
}

function scale(plane: Float32Array, factor: number): void {
  for (let i = 0; i < plane.length; i++) plane[i] = (plane[i] as number) * factor;
}

/** The rolling-shutter bands a camera records from a PWM-dimmed screen (only where the screen is). */
function band(frame: Raster, screen: Float32Array, period: number, depth: number, phase: number): void {
  for (const plane of channels(frame)) {
    for (let y = 0; y < FRAME_HEIGHT; y++) {
      const dip = depth * (0.5 + 0.5 * Math.sin((2 * Math.PI * y) / period + phase));
      for (let x = 0; x < FRAME_WIDTH; x++) {
        const i = y * FRAME_WIDTH + x;
        plane[i] = (plane[i] as number) * (1 - dip * (screen[i] as number));
      }
    }
  }
}

/** A specular highlight: light added on top of the code, clipping to white in its core. */
function addGlare(frame: Raster, glare: NonNullable<Shot['glare']>, at: Point, codeSpan: number): void {
  const radius = glare.radius * codeSpan;
  const reach = Math.ceil(radius * 3);
  for (const plane of channels(frame)) {
    for (let y = Math.max(0, Math.floor(at.y - reach)); y < Math.min(FRAME_HEIGHT, at.y + reach); y++) {
      for (let x = Math.max(0, Math.floor(at.x - reach)); x < Math.min(FRAME_WIDTH, at.x + reach); x++) {
        const d2 = (x - at.x) ** 2 + (y - at.y) ** 2;
        const i = y * FRAME_WIDTH + x;
        plane[i] = (plane[i] as number) + glare.strength * Math.exp(-d2 / (2 * radius * radius));
      }
    }
  }
}

/** Darkens everything on one side of a straight edge. */
function addShadow(
  frame: Raster,
  shadow: NonNullable<Shot['shadow']>,
  toFrame: Homography,
  size: number,
): void {
  const [u, v] = [shadow.u * size, shadow.v * size];
  const at = project(toFrame, u, v);
  const ahead = project(toFrame, u + Math.cos(shadow.angle), v + Math.sin(shadow.angle));
  const length = Math.hypot(ahead.x - at.x, ahead.y - at.y);
  // The edge's unit normal in frame pixels: signed distance = (p − at) · normal.
  const [nx, ny] = [-(ahead.y - at.y) / length, (ahead.x - at.x) / length];
  const softness = Math.max(0.25, shadow.penumbra);
  for (const plane of channels(frame)) {
    for (let y = 0; y < FRAME_HEIGHT; y++) {
      for (let x = 0; x < FRAME_WIDTH; x++) {
        const distance = (x - at.x) * nx + (y - at.y) * ny;
        const inShadow = 1 / (1 + Math.exp(-distance / softness));
        const i = y * FRAME_WIDTH + x;
        plane[i] = (plane[i] as number) * (1 - shadow.depth * inShadow);
      }
    }
  }
}
