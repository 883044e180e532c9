// Zod is the server's one validator: a failed parse becomes a 400 that names the field at fault.
import type { z } from 'zod';
import { SyncError } from './sync-error';

/** The first issue as "field: message", the field a dotted path below `where` (body, query, …). */
export function describeIssue(error: z.ZodError, where: string): { field: string; message: string } {
  const issue = error.issues[0];
  if (issue === undefined) return { field: where, message: `${where}: invalid` };
  const field = issue.path.length === 0 ? where : issue.path.map(String).join('.');
  return { field, message: `${field}: ${issue.message}` };
}

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const { field, message } = describeIssue(result.error, where);
  throw new SyncError('invalid_input', message, { field });
}
