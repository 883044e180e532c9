// How the standard frame set's webcam sees each code: hand-held, then one way door scans go wrong.
import type { Degradation } from './frames';
import type { Rng } from './rng';
import { FRAME_HEIGHT, FRAME_WIDTH, type Shot } from './scene';

/** Even a "clean" frame is hand-held: a little off-centre, rotated and tilted, lens-soft, noisy. */
export function handHeldShot(rng: Rng): Shot {
  return {
    pitch: rng.range(4.5, 7),
    rotation: rng.range(-4, 4),
    tiltX: rng.range(-8, 8),
    tiltY: rng.range(-8, 8),
    center: { x: FRAME_WIDTH / 2 + rng.range(-50, 50), y: FRAME_HEIGHT / 2 + rng.range(-35, 35) },
    blur: 0.6,
    noise: 3,
    contrast: 1,
    lightFalloff: rng.range(1, 1.25),
    glare: null,
    screen: null,
    shadow: null,
    motion: null,
    jpegQuality: null,
  };
}

export function shotFor(degradation: Degradation, rng: Rng): Shot {
  const shot = handHeldShot(rng);
  switch (degradation) {
    case 'clean':
      return shot;
    case 'noise':
      return { ...shot, noise: rng.range(12, 28) };
    case 'blur-1':
      return { ...shot, blur: rng.range(1, 1.4) };
    case 'blur-2':
      return { ...shot, blur: rng.range(1.6, 2) };
    case 'blur-3':
      return { ...shot, blur: rng.range(2.2, 2.6) };
    case 'rotation':
      return { ...shot, rotation: rng.sign() * rng.range(5, 40) };
    case 'perspective':
      return tilted(shot, rng, 20, 40);
    case 'low-contrast':
      return { ...shot, contrast: rng.range(0.22, 0.35), lightFalloff: rng.range(1.2, 1.5) };
    case 'glare':
      return { ...shot, glare: glareFor(rng, 160, 260) };
    case 'phone-screen':
      return {
        ...shot,
        blur: rng.range(0.8, 1.3),
        noise: 4,
        screen: {
          pixelsPerModule: rng.range(6, 10),
          tint: [rng.range(0.82, 0.95), rng.range(0.95, 1), rng.range(1.05, 1.18)],
          bandPeriod: rng.range(5, 14),
          bandDepth: rng.range(0.1, 0.25),
        },
      };
    case 'small':
      return { ...shot, pitch: rng.range(2.2, 3) };
    case 'combo':
      return combo(shot, rng);
  }
}

export function tilted(shot: Shot, rng: Rng, min: number, max: number): Shot {
  const strong = rng.sign() * rng.range(min, max);
  const weak = rng.range(-10, 10);
  const aroundX = rng.next() < 0.5;
  return {
    ...shot,
    tiltX: aroundX ? strong : weak,
    tiltY: aroundX ? weak : strong,
    rotation: rng.range(-10, 10),
  };
}

export function glareFor(rng: Rng, minStrength: number, maxStrength: number): NonNullable<Shot['glare']> {
  return {
    u: rng.range(0.1, 0.9),
    v: rng.range(0.1, 0.9),
    radius: rng.range(0.1, 0.2),
    strength: rng.range(minStrength, maxStrength),
  };
}

const COMBINABLE = ['noise', 'blur', 'rotation', 'perspective', 'low-contrast', 'glare'] as const;

/** Two or three milder degradations at once, as real scans usually are. */
function combo(shot: Shot, rng: Rng): Shot {
  const chosen = new Set<(typeof COMBINABLE)[number]>();
  const count = rng.int(2, 3);
  while (chosen.size < count) chosen.add(rng.pick(COMBINABLE));
  let result = shot;
  for (const kind of chosen) {
    switch (kind) {
      case 'noise':
        result = { ...result, noise: rng.range(8, 16) };
        break;
      case 'blur':
        result = { ...result, blur: rng.range(1, 1.5) };
        break;
      case 'rotation':
        result = { ...result, rotation: rng.sign() * rng.range(5, 40) };
        break;
      case 'perspective':
        result = { ...tilted(result, rng, 15, 30), rotation: result.rotation };
        break;
      case 'low-contrast':
        result = { ...result, contrast: rng.range(0.3, 0.45), lightFalloff: rng.range(1.1, 1.35) };
        break;
      case 'glare':
        result = { ...result, glare: glareFor(rng, 120, 180) };
        break;
    }
  }
  return result;
}
