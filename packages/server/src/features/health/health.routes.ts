import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '@vuonxa/core';
import type { Db } from '../../db/db.js';

/** Liveness (process up), readiness (database reachable) and Prometheus metrics. */
export function healthRoutes(deps: { db: Db; metricsText: () => Promise<string>; metricsContentType: string }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/healthz',
      {
        config: { access: { kind: 'public' } },
        logLevel: 'warn',
        schema: { tags: ['ops'], response: { 200: z.object({ status: z.literal('ok') }) } },
      },
      async () => ({ status: 'ok' as const }),
    );
    app.get(
      '/readyz',
      {
        config: { access: { kind: 'public' } },
        logLevel: 'warn',
        schema: { tags: ['ops'], response: { 200: z.object({ status: z.literal('ready') }) } },
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
    app.get('/metrics', { config: { access: { kind: 'public' } }, logLevel: 'warn', schema: { hide: true } }, async (_req, reply) => {
      void reply.type(deps.metricsContentType);
      return deps.metricsText();
    });
  };
}
