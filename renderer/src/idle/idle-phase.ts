// When a kiosk left alone warns, and when it resets.

export type IdlePhase = { kind: 'active' } | { kind: 'warning'; secondsLeft: number } | { kind: 'expired' };

/**
 * After `timeoutMs` without input the warning shows for `warningMs`, counting whole seconds
 * down to 1; then the kiosk resets.
 */
export function idlePhase(idleMs: number, timeoutMs: number, warningMs: number): IdlePhase {
  if (idleMs < timeoutMs) return { kind: 'active' };
  const leftMs = timeoutMs + warningMs - idleMs;
  if (leftMs > 0) return { kind: 'warning', secondsLeft: Math.ceil(leftMs / 1000) };
  return { kind: 'expired' };
}
