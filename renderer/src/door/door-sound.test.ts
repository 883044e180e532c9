import { describe, expect, it } from 'vitest';
import { BEEPS, createBeeper, type ToneContext } from './door-sound';

type Played = { hz: number; from: number; to: number };

/** Records the oscillators the beeper starts, at a context time of 10 s. */
function recordingContext(state = 'running') {
  const played: Played[] = [];
  let resumed = 0;
  const param = () => ({
    value: 0,
    setValueAtTime: () => undefined,
    linearRampToValueAtTime: () => undefined,
  });
  const context = {
    currentTime: 10,
    state,
    destination: {},
    resume: () => {
      resumed++;
      return Promise.resolve();
    },
    createGain: () => ({ gain: param(), connect: (next: unknown) => next }),
    createOscillator: () => {
      const beep = { hz: 0, from: 0, to: 0 };
      return {
        type: 'sine',
        frequency: {
          set value(hz: number) {
            beep.hz = hz;
          },
        },
        connect: (next: unknown) => next,
        start: (at: number) => {
          beep.from = at;
        },
        stop: (at: number) => {
          beep.to = at;
          played.push(beep);
        },
      };
    },
  };
  return { context: context as unknown as ToneContext, played, resumed: () => resumed };
}

describe('door beeps', () => {
  it('one short high beep admits, two low refuse, three call attention', () => {
    const { context, played } = recordingContext();
    const beeper = createBeeper(() => context);
    beeper.play('valid');
    expect(played).toEqual([{ hz: 1760, from: 10, to: 10.12 }]);
    played.length = 0;
    beeper.play('refused');
    expect(played.map((beep) => beep.hz)).toEqual([330, 330]);
    expect(played[1]?.from).toBeCloseTo(10.32);
    played.length = 0;
    beeper.play('attention');
    expect(played.map((beep) => beep.hz)).toEqual([880, 880, 880]);
    // Each pattern is told apart by count and pitch.
    const patterns = Object.values(BEEPS).map((beeps) => `${beeps.length}×${beeps[0]?.hz}`);
    expect(new Set(patterns).size).toBe(patterns.length);
  });

  it('makes its audio context at the first beep, once, and wakes it if suspended', () => {
    const { context, resumed } = recordingContext('suspended');
    let made = 0;
    const beeper = createBeeper(() => {
      made++;
      return context;
    });
    expect(made).toBe(0);
    beeper.play('valid');
    beeper.play('info');
    expect(made).toBe(1);
    expect(resumed()).toBe(2);
  });

  it('stays silent, never throwing, without audio or when it fails', () => {
    expect(() => createBeeper(() => null).play('attention')).not.toThrow();
    const blocked = createBeeper(() => {
      throw new DOMException('The AudioContext was not allowed to start', 'NotAllowedError');
    });
    expect(() => blocked.play('refused')).not.toThrow();
    const { context } = recordingContext();
    const broken = {
      ...context,
      createOscillator: () => {
        throw new Error('audio device lost');
      },
    };
    expect(() => createBeeper(() => broken as ToneContext).play('valid')).not.toThrow();
    // And in a runtime with no Web Audio at all (this test runs in Node), the default does nothing.
    expect(() => createBeeper().play('valid')).not.toThrow();
  });
});
