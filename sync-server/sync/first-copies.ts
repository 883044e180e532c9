// An id a push brings again, in the same batch or after an earlier push: the first copy stands,
// and another is a retry when its content hash matches and a conflict when it does not.
import type { Rejection } from '../../shared/sync/protocol';

export type PushedRow = { id: string; device_seq: number; content_hash: string };

/** The refusal of a copy whose content differs from the first; `noun` is "Record" or "Scan". */
export const conflict = (noun: string, row: PushedRow): Rejection => ({
  seq: row.device_seq,
  id: row.id,
  code: 'conflict',
  message: `${noun} ${row.id} was received before with different content; this copy was not stored`,
});

/** The first copy of each id in the batch, in order, and a conflict for each later copy that differs. */
export function firstCopies<T>(
  items: readonly T[],
  rowOf: (item: T) => PushedRow,
  noun: string,
): { unique: T[]; rejections: Rejection[] } {
  const rejections: Rejection[] = [];
  const unique = new Map<string, T>();
  for (const item of items) {
    const row = rowOf(item);
    const first = unique.get(row.id);
    if (first === undefined) unique.set(row.id, item);
    else if (rowOf(first).content_hash !== row.content_hash) rejections.push(conflict(noun, row));
  }
  return { unique: [...unique.values()], rejections };
}
