// The hard frame set's shots: what the standard set was too kind about, at the strength door
// cameras really meet it — defocus up to σ 3.5 px, 2–3 px modules, hard shadows across a finder
// pattern, a moving ticket, heavy webcam JPEG, a phone screen's moiré, and mixtures of them.
import type { Rng } from './rng';
import type { Shot } from './scene';
import { glareFor, handHeldShot, tilted } from './shots';

export const HARD_DEGRADATIONS = [
  'blur-heavy',
  'tiny',
  'small-blurred',
  'shadow',
  'motion',
  'jpeg',
  'moire',
  'mixture',
] as const;
export type HardDegradation = (typeof HARD_DEGRADATIONS)[number];

/** A shadow's edge through one of the three finder patterns (about 0.1 of the side from its corner). */
function shadowFor(rng: Rng): NonNullable<Shot['shadow']> {
  const [u, v] = rng.pick([
    [0.1, 0.1],
    [0.9, 0.1],
    [0.1, 0.9],
  ] as const);
  return {
    u: u + rng.range(-0.06, 0.06),
    v: v + rng.range(-0.06, 0.06),
    angle: rng.range(0, Math.PI * 2),
    depth: rng.range(0.45, 0.75),
    penumbra: rng.range(0.5, 3),
  };
}

const motionFor = (rng: Rng, pitch: number, minModules: number, maxModules: number) => ({
  length: pitch * rng.range(minModules, maxModules),
  angle: rng.range(0, Math.PI),
});

function screenFor(rng: Rng): NonNullable<Shot['screen']> {
  return {
    // Fewer screen pixels per module than the standard set's: the subpixel grid beats harder.
    pixelsPerModule: rng.range(3, 5),
    tint: [rng.range(0.8, 0.95), rng.range(0.95, 1), rng.range(1.05, 1.2)],
    bandPeriod: rng.range(4, 12),
    bandDepth: rng.range(0.2, 0.4),
  };
}

const MIXABLE = [
  'blur',
  'small',
  'shadow',
  'motion',
  'jpeg',
  'noise',
  'low-contrast',
  'perspective',
  'glare',
] as const;

/** Two to four of the hard conditions, milder each, as a bad scan at a real door. */
function mixture(shot: Shot, rng: Rng): Shot {
  const chosen = new Set<(typeof MIXABLE)[number]>();
  const count = rng.int(2, 4);
  while (chosen.size < count) chosen.add(rng.pick(MIXABLE));
  let result = shot;
  for (const kind of chosen) {
    switch (kind) {
      case 'blur':
        result = { ...result, blur: rng.range(1.6, 2.4) };
        break;
      case 'small':
        result = { ...result, pitch: rng.range(3, 4.5) };
        break;
      case 'shadow':
        result = { ...result, shadow: shadowFor(rng) };
        break;
      case 'motion':
        result = { ...result, motion: motionFor(rng, result.pitch, 0.4, 0.8) };
        break;
      case 'jpeg':
        result = { ...result, jpegQuality: rng.range(30, 60) };
        break;
      case 'noise':
        result = { ...result, noise: rng.range(10, 20) };
        break;
      case 'low-contrast':
        result = { ...result, contrast: rng.range(0.3, 0.45), lightFalloff: rng.range(1.1, 1.4) };
        break;
      case 'perspective':
        result = { ...tilted(result, rng, 15, 30), rotation: result.rotation };
        break;
      case 'glare':
        result = { ...result, glare: glareFor(rng, 120, 180) };
        break;
    }
  }
  return result;
}

export function hardShotFor(degradation: HardDegradation, rng: Rng): Shot {
  const shot = handHeldShot(rng);
  switch (degradation) {
    case 'blur-heavy':
      return { ...shot, pitch: rng.range(5, 8), blur: rng.range(2.6, 3.5) };
    case 'tiny':
      return { ...shot, pitch: rng.range(2, 3), blur: rng.range(0.5, 0.8) };
    case 'small-blurred':
      return { ...shot, pitch: rng.range(3, 4.5), blur: rng.range(1.2, 1.8) };
    case 'shadow':
      return { ...shot, shadow: shadowFor(rng) };
    case 'motion':
      return { ...shot, motion: motionFor(rng, shot.pitch, 0.6, 1.2) };
    case 'jpeg':
      return { ...shot, pitch: rng.range(3.5, 6), blur: rng.range(0.6, 1), jpegQuality: rng.range(20, 45) };
    case 'moire':
      return {
        ...shot,
        pitch: rng.range(3.5, 6),
        blur: rng.range(0.8, 1.3),
        noise: 4,
        screen: screenFor(rng),
      };
    case 'mixture':
      return mixture(shot, rng);
  }
}
