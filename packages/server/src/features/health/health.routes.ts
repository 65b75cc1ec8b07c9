import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '@vuonxa/core';
import type { Db } from '../../db/db.js';

/**
 * The answers of the probes are constants: plain `JSON.stringify` instead of the zod serialiser (the schema stays, for
 * the API documentation). Probes hit these routes often (issue 7, B1: /healthz at full speed).
 */
const plainJson = () => (data: unknown) => JSON.stringify(data);

/**
 * Liveness (process up), readiness (database reachable) and Prometheus metrics. None of them is logged a line per
 * request (see QUIET_ROUTES in app.ts).
 */
export function healthRoutes(deps: { db: Db; metricsText: () => Promise<string>; metricsContentType: string }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/healthz',
      {
        config: { access: { kind: 'public' } },
        schema: { tags: ['ops'], response: { 200: z.object({ status: z.literal('ok') }) } },
        serializerCompiler: plainJson,
      },
      () => ({ status: 'ok' as const }),
    );
    app.get(
      '/readyz',
      {
        config: { access: { kind: 'public' } },
        schema: { tags: ['ops'], response: { 200: z.object({ status: z.literal('ready') }) } },
        serializerCompiler: plainJson,
      },
      async () => {
        try {
          await deps.db.query('SELECT 1');
        } catch {
          throw new AppError('SERVICE_UNAVAILABLE', { details: { dependency: 'database' } });
        }
        return { status: 'ready' as const };
      },
    );
    app.get('/metrics', { config: { access: { kind: 'public' } }, schema: { hide: true } }, async (_req, reply) => {
      void reply.type(deps.metricsContentType);
      return deps.metricsText();
    });
  };
}
