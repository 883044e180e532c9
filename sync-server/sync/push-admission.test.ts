import { describe, expect, it } from 'vitest';
import { PushAdmission, type Admission } from './push-admission';

const refusal = (a: Admission) => (a.admitted ? undefined : a.retryAfterS);
const release = (a: Admission) => {
  if (!a.admitted) throw new Error('refused');
  a.release();
};

describe('push admission', () => {
  it('takes pushes up to the limit, refuses the rest until a place frees', () => {
    let now = 0;
    const admission = new PushAdmission({ maxPushes: 2 }, () => now);
    const first = admission.admit('a');
    const second = admission.admit('b');
    expect([first.admitted, second.admitted]).toEqual([true, true]);
    expect(refusal(admission.admit('c'))).toBe(1);
    now = 50;
    release(first);
    // Releasing twice (answer sent, then the connection closed) frees one place only.
    release(first);
    expect(admission.admit('c').admitted).toBe(true);
    expect(admission.admit('d').admitted).toBe(false);
  });

  it('tells each kiosk when its turn would come, by its place in line, within the cap', () => {
    let now = 0;
    const admission = new PushAdmission({ maxPushes: 2, maxRetryAfterS: 30 }, () => now);
    // Pushes take 4 s from admission to answer, two at a time: a place frees every 2 s.
    for (let i = 0; i < 40; i++) {
      const push = admission.admit('a');
      now += 4_000;
      release(push);
    }
    const held = [admission.admit('a'), admission.admit('b')];
    const hints = ['c', 'd', 'e', 'f'].map((k) => refusal(admission.admit(k)));
    expect(hints).toEqual([2, 4, 6, 8]);
    // A kiosk refused again keeps its place: its hint does not grow with its retries.
    expect([refusal(admission.admit('c')), refusal(admission.admit('e'))]).toEqual([2, 6]);
    for (let i = 0; i < 40; i++) admission.admit(`k${i}`);
    expect([refusal(admission.admit('c')), refusal(admission.admit('k39'))]).toEqual([2, 30]);
    held.forEach(release);
  });

  it('forgets kiosks that went away; one admitted no longer waits', () => {
    let now = 0;
    const admission = new PushAdmission({ maxPushes: 1, maxRetryAfterS: 10 }, () => now);
    const held = admission.admit('a');
    for (let i = 0; i < 9; i++) admission.admit(`k${i}`);
    expect(refusal(admission.admit('b'))).toBe(10);
    now += 20_001;
    expect(refusal(admission.admit('b'))).toBe(1);
    // The push held 20 s: the mean time of a push is now 4.8 s.
    release(held);
    expect(admission.admit('b').admitted).toBe(true);
    // c alone waits (b, admitted, is out of the line): 4.8 s, rounded up.
    expect(refusal(admission.admit('c'))).toBe(5);
  });
});
