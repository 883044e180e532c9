import { describe, expect, it } from 'vitest';
import type { DoorVerdict } from '../../../shared/ipc/contract';
import type { ScanReason, VerdictKind } from '../../../shared/tickets/scan-event';
import { REASONS } from '../../../shared/tickets/testing/scan-fuzz';
import { outcomeTone, verdictTone, type VerdictTone } from './verdict-look';

function verdict(kind: VerdictKind, reason: ScanReason, needsAttention = false): DoorVerdict {
  return {
    scan: {
      id: 'scan-1',
      gate: 'Puerta 1',
      deviceId: 'device-1',
      here: true,
      direction: kind === 'valid_exit' || kind === 'not_inside' ? 'exit' : 'entry',
      verdict: kind,
      at: '2026-11-14T16:30:00.000Z',
    },
    reason,
    needsAttention,
    ticket: null,
    previousScan: null,
  };
}

/** What the door person should do, for every reason of every kind the validator gives. */
const EXPECTED: Record<ScanReason, VerdictTone> = {
  entry_ok: 'valid',
  entry_ok_pass_not_synced: 'valid',
  exit_ok: 'valid',
  already_inside: 'refused',
  scanned_again_here: 'info',
  reentry_not_allowed: 'refused',
  exit_without_entry: 'info',
  revoked: 'refused',
  blocked: 'refused',
  other_event: 'refused',
  pass_not_accepted: 'refused',
  not_yet_valid: 'refused',
  expired: 'refused',
  not_on_list: 'refused',
  no_keys: 'refused',
  bad_signature: 'refused',
  unknown_key: 'refused',
  retired_key: 'refused',
  empty: 'refused',
  too_long: 'refused',
  binary: 'refused',
  damaged_ticket: 'refused',
  newer_format: 'refused',
  damaged_pass: 'refused',
};

describe('verdict tone', () => {
  it('lets through valid scans, informs on harmless ones and refuses the rest', () => {
    for (const [kind, reasons] of Object.entries(REASONS) as [VerdictKind, ScanReason[]][]) {
      for (const reason of reasons) expect(verdictTone(verdict(kind, reason)), reason).toBe(EXPECTED[reason]);
    }
  });

  it('calls attention to whatever the core says needs it', () => {
    expect(verdictTone(verdict('already_inside', 'already_inside', true))).toBe('attention');
    expect(verdictTone(verdict('forged', 'bad_signature', true))).toBe('attention');
  });

  it('shows a failed scan call as a refusal', () => {
    expect(outcomeTone({ id: 1, kind: 'failed', error: { code: 'internal', message: 'disk full' } })).toBe(
      'refused',
    );
    expect(outcomeTone({ id: 2, kind: 'verdict', verdict: verdict('valid_exit', 'exit_ok') })).toBe('valid');
  });
});
