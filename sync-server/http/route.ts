// One way to declare an endpoint: who may call it, zod schemas for what comes in and goes out,
// and a handler that gets parsed input. Fastify's own validator and serializer are switched off
// (see server.ts); the same schemas feed the OpenAPI document.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { HEADERS, ErrorBodySchema } from '../../shared/sync/protocol';
import { authenticate, type Access, type PrincipalFor } from '../auth/authenticate';
import type { ServerDb } from '../db/server-database';
import type { FormCache } from '../sync/form-cache';
import { parseOrThrow } from '../validation';
import { API_PREFIX, serverTimeOf } from './exchange';
import type { OpenApiSchemas } from './openapi';

type Empty = z.ZodUndefined;

export type HandlerInput<A extends Access, B, Q, P> = {
  body: B;
  query: Q;
  params: P;
  principal: PrincipalFor<A>;
  request: FastifyRequest;
  /** One clock reading per request, for everything the handler stores. */
  now: Date;
};

export type RouteSpec<
  A extends Access,
  R extends z.ZodObject,
  B extends z.ZodType = Empty,
  Q extends z.ZodType = Empty,
  P extends z.ZodType = Empty,
> = {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  summary: string;
  tag: string;
  access: A;
  /** 200 unless given (201 for creations). */
  status?: number;
  body?: B;
  query?: Q;
  params?: P;
  /** The success body; its serverTime is added here, not by handlers. */
  response: R;
  handler(
    input: HandlerInput<A, z.output<B>, z.output<Q>, z.output<P>>,
  ): Promise<Omit<z.input<R>, 'serverTime'>>;
};

export type RouteContext = { s: ServerDb; openApi: OpenApiSchemas; forms: FormCache };

const principals = new WeakMap<FastifyRequest, unknown>();

export function addRoute<
  A extends Access,
  R extends z.ZodObject,
  B extends z.ZodType = Empty,
  Q extends z.ZodType = Empty,
  P extends z.ZodType = Empty,
>(app: FastifyInstance, ctx: RouteContext, spec: RouteSpec<A, R, B, Q, P>): void {
  const status = spec.status ?? 200;
  const parse = <S extends z.ZodType>(schema: S | undefined, value: unknown, where: string) =>
    (schema === undefined ? undefined : parseOrThrow(schema, value, where)) as z.output<S>;
  app.route({
    method: spec.method,
    url: spec.url,
    schema: openApiSchema(ctx.openApi, spec, status),
    onRequest: async (request: FastifyRequest) => {
      principals.set(request, await authenticate(ctx.s, request, spec.access));
    },
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      // Path first, then query, then body: the first fault reported is the outermost one.
      const params = parse(spec.params, request.params, 'params');
      const query = parse(spec.query, request.query, 'query');
      const result = await spec.handler({
        params,
        query,
        body: parse(spec.body, request.body, 'body'),
        principal: principals.get(request) as PrincipalFor<A>,
        request,
        now: new Date(),
      });
      return reply.code(status).send({ ...result, serverTime: serverTimeOf(reply) });
    },
  });
}

function openApiSchema(
  openApi: OpenApiSchemas,
  spec: RouteSpec<Access, z.ZodObject, z.ZodType, z.ZodType, z.ZodType>,
  status: number,
): Record<string, unknown> {
  const versioned = spec.url.startsWith(API_PREFIX);
  return {
    summary: spec.summary,
    tags: [spec.tag],
    ...(spec.access !== 'public' && { security: [{ bearer: [] }] }),
    ...(versioned && {
      headers: {
        type: 'object',
        properties: {
          [HEADERS.protocol]: { type: 'integer', description: 'sync protocol version the client speaks' },
          [HEADERS.app]: { type: 'string', description: 'client app and version, e.g. quiosco-kiosk/0.1.0' },
        },
        required: [HEADERS.protocol, HEADERS.app],
      },
    }),
    ...(spec.body && { body: openApi.convert(spec.body, 'input') }),
    ...(spec.query && { querystring: openApi.convert(spec.query, 'input') }),
    ...(spec.params && { params: openApi.convert(spec.params, 'input') }),
    response: {
      [status]: openApi.convert(spec.response, 'output'),
      '4XX': openApi.convert(ErrorBodySchema, 'output'),
      '5XX': openApi.convert(ErrorBodySchema, 'output'),
    },
  };
}
