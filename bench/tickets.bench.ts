// Door check-in, the pure part: validateScan from decoded text to verdict (signature included, public
// keys imported once and cached as a door does; lookups in memory, the database is measured with the
// kiosk), and the size of our signed ticket's QR code next to pretix's. Goals: ≤ 2 ms median and
// ≤ 10 ms p99 per verdict; a smaller QR version than pretix's 7-8.
import QRCode from 'qrcode';
import { MemoryTickets } from '../shared/tickets/testing/memory-door';
import { encodeSignedTicket, newTicketId } from '../shared/tickets/ticket-codec';
import { exportPublicKey, generateTicketKey } from '../shared/tickets/ticket-keys';
import { type ScanContext, validateScan } from '../shared/tickets/validate-scan';
import { type BenchResult, median, percentile, round } from './bench-result';

const EVENT = 'feria-2026';
const WARM_UP = 1_000;
const ITERATIONS = 5_000;
/** pretix's signed tickets are 116-140 characters of base64 (byte mode in a QR code). */
const PRETIX_LENGTH = 128;

export async function benchTickets(): Promise<BenchResult[]> {
  const key = await generateTicketKey(0);
  const tickets = new MemoryTickets();
  tickets.keys.set(EVENT, [{ keyId: 0, publicKey: await exportPublicKey(key.publicKey), retired: false }]);
  const fields = { eventId: EVENT, ticketType: 1, validFrom: null, validTo: null };
  // Distinct tickets, so no verdict is "already inside" and every scan verifies a signature.
  const texts = await Promise.all(
    Array.from({ length: 500 }, () => encodeSignedTicket({ ...fields, ticketId: newTicketId() }, key)),
  );
  for (let i = 0; i < 500; i++) {
    const code = `TQ-${String(i).padStart(6, '0')}`;
    tickets.imported.set(code, {
      code,
      eventId: EVENT,
      ticketType: 'General',
      holder: null,
      validFrom: null,
      validTo: null,
    });
  }
  const ctx: ScanContext = {
    eventId: EVENT,
    gate: 'A',
    deviceId: '0199a3b2-0000-7000-8000-00000000000a',
    direction: 'entry',
    now: new Date('2026-11-01T12:00:00Z'),
    rules: { allowReentry: true, acceptPasses: true },
    lookups: tickets.lookups,
  };

  const time = async (textAt: (i: number) => string): Promise<number[]> => {
    const samples: number[] = [];
    for (let i = 0; i < WARM_UP + ITERATIONS; i++) {
      const text = textAt(i);
      const started = performance.now();
      const verdict = await validateScan(text, ctx);
      const elapsed = performance.now() - started;
      if (verdict.kind !== 'valid_entry') throw new Error(`benchmark ticket refused: ${verdict.reason}`);
      if (i >= WARM_UP) samples.push(elapsed);
    }
    return samples;
  };
  const signed = await time((i) => texts[i % texts.length] as string);
  const imported = await time((i) => `TQ-${String(i % 500).padStart(6, '0')}`);

  const ours = texts[0] as string;
  const base64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const pretixLike = Array.from({ length: PRETIX_LENGTH }, (_, i) => base64[(i * 37 + 11) % 64]).join('');
  const version = (text: string): number => QRCode.create(text, { errorCorrectionLevel: 'M' }).version;

  return [
    { name: 'tickets: validate signed ticket (median)', value: round(median(signed), 4), unit: 'ms' },
    { name: 'tickets: validate signed ticket (p99)', value: round(percentile(signed, 99), 4), unit: 'ms' },
    {
      name: 'tickets: validate imported ticket, in memory (median)',
      value: round(median(imported), 4),
      unit: 'ms',
    },
    {
      name: 'tickets: validate imported ticket, in memory (p99)',
      value: round(percentile(imported, 99), 4),
      unit: 'ms',
    },
    { name: 'tickets: our signed ticket text', value: ours.length, unit: 'characters' },
    { name: 'tickets: our signed ticket QR version (EC level M)', value: version(ours), unit: 'version' },
    { name: 'baseline: pretix-like signed ticket text', value: pretixLike.length, unit: 'characters' },
    {
      name: 'baseline: pretix-like signed ticket QR version (EC level M)',
      value: version(pretixLike),
      unit: 'version',
    },
  ];
}
