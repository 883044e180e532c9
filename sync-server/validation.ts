// Zod is the server's one validator: a failed parse becomes a 400 that names the field at fault.
import type { z } from 'zod';
import { SyncError } from './sync-error';

/** The first issue as "field: message", the field a dotted path below `where` (body, query, …). */
export function describeIssue(error: z.ZodError, where: string): { field: string; message: string } {
  const issue = error.issues[0];
  if (issue === undefined) return { field: where, message: `${where}: invalid` };
  const { path, message } = closestIssue(issue);
  const field = path.length === 0 ? where : path.map(String).join('.');
  return { field, message: `${field}: ${message}` };
}

/**
 * A value matching no alternative of a union is told what the nearest alternative lacks (the one
 * with the fewest issues, e.g. "choices: expected string" for a CSV upload without its choices)
 * rather than zod's bare "Invalid input".
 */
function closestIssue(issue: z.core.$ZodIssue): { path: PropertyKey[]; message: string } {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return issue;
  const nearest = issue.errors.reduce((best, branch) => (branch.length < best.length ? branch : best));
  const first = nearest[0];
  if (first === undefined) return issue;
  const inner = closestIssue(first);
  return { path: [...issue.path, ...inner.path], message: inner.message };
}

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const { field, message } = describeIssue(result.error, where);
  throw new SyncError('invalid_input', message, { field });
}
