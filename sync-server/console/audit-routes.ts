// The console's audit page (admins): the log newest first, a page at a time, filtered by action,
// actor and time. Reading it is not itself audited: the entries hold who did what with ids, names
// and counts, never a visitor's personal data (exports and reads name records by id, columns by
// name; tickets by type, count or fingerprint), so there is no personal-data read to record.
import type { FastifyInstance } from 'fastify';
import { AuditPageResponseSchema, AuditQuerySchema } from '../../shared/console/audit-api';
import { CONSOLE_API } from '../../shared/console/console-api';
import { addRoute, type RouteContext } from '../http/route';
import { AUDITORS } from '../routes/roles';
import { readAuditPage } from './audit';

export function auditRoutes(app: FastifyInstance, ctx: RouteContext): void {
  addRoute(app, ctx, {
    method: 'GET',
    url: `${CONSOLE_API}/audit`,
    summary: 'The audit log, newest first, a page at a time (keyset on at, id), by action, actor and time',
    tag: 'console',
    access: AUDITORS,
    query: AuditQuerySchema,
    response: AuditPageResponseSchema,
    handler: ({ query }) => readAuditPage(ctx.s, query),
  });
}
