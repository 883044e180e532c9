import { describe, expect, it } from 'vitest';
import { idlePhase } from './idle-phase';

describe('idlePhase', () => {
  const timeout = 90_000;
  const warning = 20_000;

  it('stays active until the timeout', () => {
    expect(idlePhase(0, timeout, warning)).toEqual({ kind: 'active' });
    expect(idlePhase(89_999, timeout, warning)).toEqual({ kind: 'active' });
  });

  it('warns for the warning time, counting whole seconds down', () => {
    expect(idlePhase(90_000, timeout, warning)).toEqual({ kind: 'warning', secondsLeft: 20 });
    expect(idlePhase(90_001, timeout, warning)).toEqual({ kind: 'warning', secondsLeft: 20 });
    expect(idlePhase(109_000, timeout, warning)).toEqual({ kind: 'warning', secondsLeft: 1 });
    expect(idlePhase(109_999, timeout, warning)).toEqual({ kind: 'warning', secondsLeft: 1 });
  });

  it('expires when the warning runs out', () => {
    expect(idlePhase(110_000, timeout, warning)).toEqual({ kind: 'expired' });
    expect(idlePhase(3_600_000, timeout, warning)).toEqual({ kind: 'expired' });
  });
});
