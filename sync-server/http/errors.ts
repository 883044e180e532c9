// Every failure answers { error: { code, message, … }, serverTime }: our SyncErrors as they are,
// Fastify's own (body too large, bad JSON, bad encoding) translated, anything else a logged 500.
import type { FastifyError, FastifyInstance } from 'fastify';
import type { ErrorBody, ErrorCode } from '../../shared/sync/protocol';
import { MAX_BODY_BYTES } from '../../shared/sync/protocol';
import { SyncError } from '../sync-error';
import { drainRequest } from './drain';
import { serverTimeOf } from './exchange';

type Failure = { status: number; error: ErrorBody['error'] };

const MIB = 1024 * 1024;

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError | SyncError, request, reply) => {
    const failure = toFailure(error, request.routeOptions.bodyLimit ?? MAX_BODY_BYTES);
    if (failure.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: failure.error.code, message: failure.error.message }, 'request refused');
    await drainRequest(request.raw);
    if (failure.error.retryAfter !== undefined) reply.header('retry-after', String(failure.error.retryAfter));
    return reply.code(failure.status).send({ error: failure.error, serverTime: serverTimeOf(reply) });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      error: { code: 'not_found', message: `No endpoint ${request.method} ${request.url.split('?')[0]}` },
      serverTime: serverTimeOf(reply),
    }),
  );
}

/** `bodyLimit`: the limit of the route asked for (5 MiB, or 1 MiB for an attachment chunk). */
function toFailure(error: FastifyError | SyncError, bodyLimit: number): Failure {
  if (error instanceof SyncError) {
    return { status: error.status, error: { code: error.code, message: error.message, ...error.extra } };
  }
  const fail = (status: number, code: ErrorCode, message: string): Failure => ({
    status,
    error: { code, message },
  });
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return fail(
        413,
        'payload_too_large',
        `The request body is over ${bodyLimit / MIB} MiB (after decompression): send less at once`,
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return fail(415, 'unsupported_media_type', 'Send request bodies as application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return fail(400, 'invalid_input', 'body: the request body is empty');
    case 'FST_CP_ERR_INVALID_CONTENT_ENCODING':
      return fail(415, 'unsupported_media_type', 'Content-Encoding: send gzip, deflate or no encoding');
    case 'FST_CP_ERR_INVALID_CONTENT':
      return fail(400, 'invalid_input', 'body: the compressed body cannot be decompressed');
  }
  const status = error.statusCode ?? 500;
  if (status >= 500)
    return fail(500, 'internal', 'Internal server error (logged on the server); try again later');
  if (error instanceof SyntaxError)
    return fail(400, 'invalid_input', `body: not valid JSON (${error.message})`);
  return fail(status, status === 404 ? 'not_found' : 'invalid_input', error.message);
}
