// The verdict heard across a noisy door: one short high beep lets through, two low ones refuse,
// three call attention, one middle one informs. A Web Audio oscillator, so no sound files; with no
// audio (none on the machine, blocked by the browser) the door simply stays silent.
import type { VerdictTone } from './verdict-look';

export type Beep = { hz: number; atMs: number; ms: number };

export const BEEPS: Record<VerdictTone, readonly Beep[]> = {
  valid: [{ hz: 1760, atMs: 0, ms: 120 }],
  info: [{ hz: 660, atMs: 0, ms: 200 }],
  refused: [
    { hz: 330, atMs: 0, ms: 220 },
    { hz: 330, atMs: 320, ms: 220 },
  ],
  attention: [
    { hz: 880, atMs: 0, ms: 150 },
    { hz: 880, atMs: 230, ms: 150 },
    { hz: 880, atMs: 460, ms: 150 },
  ],
};

const VOLUME = 0.2;
/** Fade in and out over this, so a beep does not click. */
const RAMP_S = 0.01;

/** The part of AudioContext the beeper uses (what tests stand in for). */
export type ToneContext = {
  readonly currentTime: number;
  readonly state: string;
  readonly destination: AudioNode;
  resume(): Promise<void>;
  createOscillator(): OscillatorNode;
  createGain(): GainNode;
};

export type Beeper = { play(tone: VerdictTone): void };

/** `makeContext` runs at the first beep, not before: browsers only allow audio after a tap or key. */
export function createBeeper(makeContext: () => ToneContext | null = browserAudioContext): Beeper {
  let context: ToneContext | null = null;
  return {
    play(tone) {
      try {
        context ??= makeContext();
        if (context === null) return;
        if (context.state === 'suspended') context.resume().catch(() => undefined);
        const start = context.currentTime;
        for (const beep of BEEPS[tone]) {
          const from = start + beep.atMs / 1000;
          const to = from + beep.ms / 1000;
          const oscillator = context.createOscillator();
          const gain = context.createGain();
          oscillator.type = 'square';
          oscillator.frequency.value = beep.hz;
          gain.gain.setValueAtTime(0, from);
          gain.gain.linearRampToValueAtTime(VOLUME, from + RAMP_S);
          gain.gain.setValueAtTime(VOLUME, to - RAMP_S);
          gain.gain.linearRampToValueAtTime(0, to);
          oscillator.connect(gain).connect(context.destination);
          oscillator.start(from);
          oscillator.stop(to);
        }
      } catch {
        // No sound is better than a door screen that stops on a sound problem.
      }
    },
  };
}

function browserAudioContext(): ToneContext | null {
  return typeof AudioContext === 'function' ? new AudioContext() : null;
}

/** One audio context for the whole app: browsers limit how many a page may open. */
export const doorBeeper = createBeeper();
