// Numbers as people read them. The engine keeps IEEE doubles (as ODK and Enketo do), so a sum of
// prices can be 2957.6399999999994; screens and exports show 15 significant digits, all a double
// holds exactly, which gives 2957.64, and never an exponent for ordinary magnitudes.

const SIGNIFICANT = 15;

/** A number for a screen or an export: '' for NaN and infinities (no answer to show). */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return '';
  const rounded = Number(n.toPrecision(SIGNIFICANT));
  if (rounded === 0) return '0';
  const magnitude = Math.abs(rounded);
  // String() switches to exponents below 1e-6 and from 1e21; write those digits out in full.
  if (magnitude >= 1e-6 && magnitude < 1e21) return String(rounded);
  const [digits = '', exponentText = '0'] = rounded.toExponential().split('e');
  const exponent = Number(exponentText);
  const sign = digits.startsWith('-') ? '-' : '';
  const mantissa = digits.replace('-', '').replace('.', '');
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${mantissa}`;
  return `${sign}${mantissa.padEnd(exponent + 1, '0')}`;
}
