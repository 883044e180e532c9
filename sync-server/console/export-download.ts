// GET /console/api/exports/{formId}: the export route of /v1 for a browser download (a link cannot
// send the protocol headers /v1 asks for), with the same options and role rules, streamed the
// same way, and audited: who exported which form, with which options.
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CONSOLE_API } from '../../shared/console/console-api';
import { NameSchema } from '../../shared/forms/form-definition';
import { authenticate } from '../auth/authenticate';
import { exportOptions, ExportQuerySchema } from '../exports/export-options';
import { prepareExport } from '../exports/run-export';
import { ExportAbortedError } from '../exports/text-sink';
import type { RouteContext } from '../http/route';
import { ANALYSTS, seesPersonalData } from '../routes/roles';
import { SyncError } from '../sync-error';
import { parseOrThrow } from '../validation';
import { audit } from './audit';

const ExportParamsSchema = z.strictObject({ formId: NameSchema });

export function exportDownload(app: FastifyInstance, ctx: RouteContext): void {
  app.get(
    `${CONSOLE_API}/exports/:formId`,
    { schema: { summary: "Download a form's export (as GET /v1/exports/{formId})", tags: ['console'] } },
    async (request, reply) => {
      const { token } = await authenticate(ctx.s, request, ANALYSTS);
      const { formId } = parseOrThrow(ExportParamsSchema, request.params, 'params');
      const query = parseOrThrow(ExportQuerySchema, request.query, 'query');
      const anonymised = query.anonymised ?? true;
      if (!anonymised && !seesPersonalData(token.role)) {
        throw new SyncError(
          'forbidden',
          `The ${token.role} role exports anonymised data only; personal data (anonymised=false) needs the admin role`,
          { field: 'anonymised' },
        );
      }
      const prepared = await prepareExport(ctx.s, exportOptions(formId, query, anonymised));
      const detail = { formId, ...query, anonymised };
      await audit(ctx.s, { actor: token.name, action: 'export', detail });
      if (!anonymised) await audit(ctx.s, { actor: token.name, action: 'personal_data_read', detail });
      const body = new PassThrough();
      reply.raw.on('close', () => {
        if (!reply.raw.writableFinished) body.destroy(new ExportAbortedError('the client went away'));
      });
      prepared.write(body).catch((e: unknown) => {
        if (!(e instanceof ExportAbortedError))
          request.log.error({ err: e, formId }, 'export failed while streaming');
      });
      return reply
        .header('content-type', prepared.contentType)
        .header('content-disposition', `attachment; filename="${prepared.fileName}"`)
        .send(body);
    },
  );
}
