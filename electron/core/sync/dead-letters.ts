// Dead letters: outbox rows the sync server refused for good (push.ts settles them). Staff list
// them and, once the coordinator has fixed the cause (assigned the event, attached the form),
// send them again: the server stored nothing for a refused record, so the same id with the same
// content is accepted then. A conflict is refused again; the server decides.
import { DeadLetterSchema, MAX_DEAD_LETTERS, type DeadLetter } from '../../../shared/ipc/contract';
import { CallFailure } from '../../../shared/ipc/result';
import { PushKindSchema } from '../../../shared/sync/protocol';
import type { KioskDb } from '../db/migrate';
import { enqueue } from '../outbox/outbox';

/** The newest dead letters first (by the seq they were refused under), and how many there are. */
export function listDeadLetters(
  db: KioskDb,
  limit = MAX_DEAD_LETTERS,
): { deadLetters: DeadLetter[]; total: number } {
  const rows = db
    .prepare<[number], unknown>(
      `SELECT seq, entity_kind AS kind, entity_id AS id, code, message, rejected_at AS rejectedAt
       FROM dead_letters ORDER BY seq DESC LIMIT ?`,
    )
    .all(limit);
  const total = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM dead_letters').get()?.n ?? 0;
  return { deadLetters: DeadLetterSchema.array().parse(rows), total };
}

/**
 * Queues the dead letters named by `seqs` again, in their original order, as new outbox rows
 * carrying the stored payload, and drops them from the dead letters, in one transaction. The old
 * outbox rows stay as they are (acknowledged). A seq that is no dead letter: nothing changes.
 */
export function resendDeadLetters(db: KioskDb, seqs: readonly number[], at: string): void {
  const read = db.prepare<[number], { entity_kind: string; entity_id: string; payload: string }>(
    'SELECT entity_kind, entity_id, payload FROM dead_letters WHERE seq = ?',
  );
  const drop = db.prepare('DELETE FROM dead_letters WHERE seq = ?');
  db.transaction(() => {
    const letters: { seq: number; entity_kind: string; entity_id: string; payload: string }[] = [];
    const unknown: number[] = [];
    for (const seq of [...new Set(seqs)].sort((a, b) => a - b)) {
      const row = read.get(seq);
      if (row === undefined) unknown.push(seq);
      else letters.push({ seq, ...row });
    }
    if (unknown.length > 0) {
      throw new CallFailure(
        'invalid_input',
        `seqs: no dead letter with seq ${unknown.join(', ')} (already re-sent, or never refused)`,
        { field: 'seqs', unknown },
      );
    }
    for (const letter of letters) {
      enqueue(db, {
        entityKind: PushKindSchema.parse(letter.entity_kind),
        entityId: letter.entity_id,
        payload: JSON.parse(letter.payload) as unknown,
        createdAt: at,
      });
      drop.run(letter.seq);
    }
  }).immediate();
}
