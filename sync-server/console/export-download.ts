// GET /console/api/exports/{formId}: the export route of /v1 for a browser download (a link cannot
// send the protocol headers /v1 asks for), through the same sendExport: the same options, role
// rules, streaming and audit. With ?job=UUID the download's progress (bytes and records so far)
// can be read from /console/api/export-jobs while the browser saves the file.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CONSOLE_API } from '../../shared/console/console-api';
import {
  EXPORT_JOB_PARAM,
  ExportJobIdSchema,
  ExportJobParamsSchema,
  ExportJobResponseSchema,
  ExportJobsResponseSchema,
} from '../../shared/console/data-api';
import { authenticate } from '../auth/authenticate';
import { ExportAbortedError } from '../exports/text-sink';
import { addRoute, type RouteContext } from '../http/route';
import { ANALYSTS } from '../routes/roles';
import { ExportParamsSchema, sendExport } from '../routes/export-routes';
import { parseOrThrow } from '../validation';
import { ExportJobs } from './export-jobs';

const JobQuerySchema = z.object({ [EXPORT_JOB_PARAM]: ExportJobIdSchema.optional() });

export function exportDownload(app: FastifyInstance, ctx: RouteContext, jobs = new ExportJobs()): void {
  app.get(
    `${CONSOLE_API}/exports/:formId`,
    {
      schema: {
        summary: `Download a form's export (as GET /v1/exports/{formId}); ?${EXPORT_JOB_PARAM}=UUID to follow its progress`,
        tags: ['console'],
      },
    },
    async (request, reply) => {
      const { token } = await authenticate(ctx.s, request, ANALYSTS);
      const { formId } = parseOrThrow(ExportParamsSchema, request.params, 'params');
      const { [EXPORT_JOB_PARAM]: jobId, ...query } = request.query as Record<string, unknown>;
      const job = parseOrThrow(JobQuerySchema, { [EXPORT_JOB_PARAM]: jobId }, 'query')[EXPORT_JOB_PARAM];
      if (job === undefined)
        return sendExport(ctx, request, reply, { reader: token, via: 'console', formId, query });
      jobs.start(token.id, job, formId, typeof query.format === 'string' ? query.format : 'csv');
      try {
        return await sendExport(
          ctx,
          request,
          reply,
          { reader: token, via: 'console', formId, query },
          {
            onProgress: ({ bytes, records }) => jobs.progress(job, bytes, records),
            onEnd: ({ bytes, records, error }) =>
              jobs.finish(job, {
                bytes,
                records,
                state:
                  error === undefined ? 'done' : error instanceof ExportAbortedError ? 'aborted' : 'failed',
                ...(error !== undefined && { error: error.message }),
              }),
          },
        );
      } catch (e) {
        // Refused before the first byte: the page reads why from the job.
        jobs.finish(job, {
          bytes: 0,
          records: 0,
          state: 'failed',
          error: e instanceof Error ? e.message : String(e),
        });
        throw e;
      }
    },
  );

  addRoute(app, ctx, {
    method: 'GET',
    url: `${CONSOLE_API}/export-jobs`,
    summary: "The signed-in user's exports of the last half hour, newest first, with their progress",
    tag: 'console',
    access: ANALYSTS,
    response: ExportJobsResponseSchema,
    handler: async ({ principal }) => ({ jobs: jobs.list(principal.token.id) }),
  });

  addRoute(app, ctx, {
    method: 'GET',
    url: `${CONSOLE_API}/export-jobs/:jobId`,
    summary: 'One export of the signed-in user: bytes and records sent so far, and how it ended',
    tag: 'console',
    access: ANALYSTS,
    params: ExportJobParamsSchema,
    response: ExportJobResponseSchema,
    handler: async ({ principal, params }) => ({ job: jobs.get(principal.token.id, params.jobId) }),
  });
}
