// The verdict's shape, so it reads without its colour: a tick, an "i", a cross, a warning sign.
import type { VerdictTone } from './verdict-look';

export function VerdictIcon({ tone }: { tone: VerdictTone }) {
  return (
    <svg className="verdict-icon" viewBox="0 0 100 100" aria-hidden="true" focusable="false">
      {tone === 'attention' ? (
        <path d="M50 6 L96 90 H4 Z" className="icon-shape" />
      ) : (
        <circle cx="50" cy="50" r="45" className="icon-shape" />
      )}
      {tone === 'valid' ? <path d="M27 52 L43 68 L74 35" className="icon-mark" /> : null}
      {tone === 'refused' ? <path d="M32 32 L68 68 M68 32 L32 68" className="icon-mark" /> : null}
      {tone === 'info' ? <path d="M50 44 V74 M50 27 V29" className="icon-mark" /> : null}
      {tone === 'attention' ? <path d="M50 36 V62 M50 75 V77" className="icon-mark" /> : null}
    </svg>
  );
}
