// GET /v1/exports/{formId}: a form's records as a file, streamed as it is written (CSV, XLSX,
// JSON Lines, the ZIP bundle or the summary report). Statisticians get anonymised exports only;
// the admin role may ask for the personal-data questions too (anonymised=false). The console's
// download route streams through the same sendExport.
import { PassThrough, Transform } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NameSchema } from '../../shared/forms/form-definition';
import { ErrorBodySchema } from '../../shared/sync/protocol';
import type { ApiTokenInfo } from '../auth/api-tokens';
import { authenticate } from '../auth/authenticate';
import { auditExport } from '../exports/export-audit';
import { exportOptions, ExportQuerySchema } from '../exports/export-options';
import { prepareExport } from '../exports/run-export';
import { ExportAbortedError } from '../exports/text-sink';
import type { RouteContext } from '../http/route';
import { SyncError } from '../sync-error';
import { parseOrThrow } from '../validation';
import { ANALYSTS, PERSONAL_DATA, seesPersonalData } from './roles';

export const ExportParamsSchema = z.strictObject({ formId: NameSchema });

/** How far a streamed export got: bytes sent and records written so far. */
export type ExportProgressReport = { bytes: number; records: number };

export type ExportWatcher = {
  onProgress(progress: ExportProgressReport): void;
  /** The export ended: finished (error undefined), abandoned by the client, or failed. */
  onEnd(outcome: { records: number; bytes: number; error?: Error }): void;
};

/**
 * Checks the caller's role against the options, prepares the export (everything that can be
 * refused is refused here, before the first byte), audits it (`export`, and `personal_data_read`
 * when not anonymised) and streams it as the reply. Memory stays at about a page of records.
 */
export async function sendExport(
  ctx: RouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  input: { reader: ApiTokenInfo; via: 'api' | 'console'; formId: string; query: unknown },
  watcher?: ExportWatcher,
): Promise<FastifyReply> {
  const { reader, formId } = input;
  const query = parseOrThrow(ExportQuerySchema, input.query, 'query');
  const anonymised = query.anonymised ?? true;
  if (!anonymised && !seesPersonalData(reader.role)) {
    throw new SyncError(
      'forbidden',
      `The ${reader.role} role exports anonymised data only; personal data (anonymised=false) needs the ${PERSONAL_DATA.join(' or ')} role`,
      { field: 'anonymised' },
    );
  }
  const prepared = await prepareExport(ctx.s, exportOptions(formId, query, anonymised));
  await auditExport(ctx.s, reader.name, { via: input.via, formId, query, anonymised });
  let bytes = 0;
  let records = 0;
  const body = new PassThrough();
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  counted.pipe(body);
  // How an export ended is told through end(): a hang-up after the writer finished would
  // otherwise be an error event nobody listens to (an uncaught exception in the server).
  counted.on('error', () => undefined);
  let ended = false;
  const end = (outcome: Parameters<ExportWatcher['onEnd']>[0]) => {
    if (ended) return;
    ended = true;
    watcher?.onEnd(outcome);
  };
  // A client that hangs up stops the export (and frees its database reads) at once, even when
  // the last bytes were written and only wait to be sent.
  reply.raw.on('close', () => {
    if (reply.raw.writableFinished) return;
    const gone = new ExportAbortedError('the client went away');
    counted.destroy(gone);
    end({ records, bytes, error: gone });
  });
  const progress = (p: { records: number }) => {
    records = p.records;
    watcher?.onProgress({ bytes, records });
  };
  prepared.write(counted, progress).then(
    (done) => {
      request.log.info({ formId, format: query.format, records: done.records }, 'export sent');
      // The last bytes are counted once the stream has passed them on.
      const finished = () => end({ records: done.records, bytes });
      if (body.readableEnded) finished();
      else body.on('end', finished);
    },
    (e: unknown) => {
      const error = e instanceof Error ? e : new Error(String(e));
      if (e instanceof ExportAbortedError) request.log.info({ formId }, 'export abandoned by the client');
      else request.log.error({ err: e, formId }, 'export failed while streaming');
      end({ records, bytes, error });
    },
  );
  return reply
    .header('content-type', prepared.contentType)
    .header('content-disposition', `attachment; filename="${prepared.fileName}"`)
    .send(body);
}

export function exportRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.route({
    method: 'GET',
    url: '/v1/exports/:formId',
    schema: {
      summary:
        "Export a form's records (all versions) as CSV, XLSX, JSON Lines, a ZIP bundle (CSV tables, codebook, SPSS, R, report) or the summary report; streamed. Anonymised unless an admin asks anonymised=false. Audited.",
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
      const { token } = await authenticate(ctx.s, request, ANALYSTS);
      const { formId } = parseOrThrow(ExportParamsSchema, request.params, 'params');
      return sendExport(ctx, request, reply, { reader: token, via: 'api', formId, query: request.query });
    },
  });
}
