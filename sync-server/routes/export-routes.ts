// GET /v1/exports/{formId}: a form's records as a file, streamed as it is written (CSV, XLSX,
// JSON Lines, the ZIP bundle or the summary report). Statisticians get anonymised exports only;
// the admin role may ask for the personal-data questions too (anonymised=false).
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { NameSchema } from '../../shared/forms/form-definition';
import { ErrorBodySchema } from '../../shared/sync/protocol';
import { authenticate } from '../auth/authenticate';
import { exportOptions, ExportQuerySchema } from '../exports/export-options';
import { prepareExport } from '../exports/run-export';
import { ExportAbortedError } from '../exports/text-sink';
import type { RouteContext } from '../http/route';
import { SyncError } from '../sync-error';
import { parseOrThrow } from '../validation';
import { ANALYSTS } from './roles';

const ExportParamsSchema = z.strictObject({ formId: NameSchema });

export function exportRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.route({
    method: 'GET',
    url: '/v1/exports/:formId',
    schema: {
      summary:
        "Export a form's records (all versions) as CSV, XLSX, JSON Lines, a ZIP bundle (CSV tables, codebook, SPSS, R, report) or the summary report; streamed. Anonymised unless an admin asks anonymised=false.",
      tags: ['records'],
      security: [{ bearer: [] }],
      params: ctx.openApi.convert(ExportParamsSchema, 'input'),
      querystring: ctx.openApi.convert(ExportQuerySchema, 'input'),
      response: {
        200: {
          description: 'The export file (Content-Disposition names it)',
          type: 'string',
          format: 'binary',
        },
        '4XX': ctx.openApi.convert(ErrorBodySchema, 'output'),
        '5XX': ctx.openApi.convert(ErrorBodySchema, 'output'),
      },
    },
    handler: async (request, reply) => {
      const principal = await authenticate(ctx.s, request, ANALYSTS);
      const { formId } = parseOrThrow(ExportParamsSchema, request.params, 'params');
      const query = parseOrThrow(ExportQuerySchema, request.query, 'query');
      const anonymised = query.anonymised ?? true;
      if (!anonymised && principal.token.role !== 'admin') {
        throw new SyncError(
          'forbidden',
          `The ${principal.token.role} role exports anonymised data only; personal data (anonymised=false) needs the admin role`,
          { field: 'anonymised' },
        );
      }
      // Everything that can be refused is checked here, before the first byte is sent.
      const prepared = await prepareExport(ctx.s, exportOptions(formId, query, anonymised));
      const body = new PassThrough();
      // A client that hangs up stops the export (and frees its database reads) at once.
      reply.raw.on('close', () => {
        if (!reply.raw.writableFinished) body.destroy(new ExportAbortedError('the client went away'));
      });
      prepared.write(body).then(
        ({ records }) => request.log.info({ formId, format: query.format, records }, 'export sent'),
        (e: unknown) => {
          if (e instanceof ExportAbortedError) request.log.info({ formId }, 'export abandoned by the client');
          else request.log.error({ err: e, formId }, 'export failed while streaming');
        },
      );
      return reply
        .header('content-type', prepared.contentType)
        .header('content-disposition', `attachment; filename="${prepared.fileName}"`)
        .send(body);
    },
  });
}
