import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { homeSchema } from '@vuonxa/core';
import { requireAuth } from '../../http/context.js';
import type { createHomeService } from './home.service.js';

export function homeRoutes(deps: { home: ReturnType<typeof createHomeService> }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/home',
      {
        config: { access: { kind: 'session' } },
        schema: { tags: ['me'], summary: 'What I should do next', response: { 200: homeSchema } },
      },
      async (req) => deps.home.tasks(requireAuth(req)),
    );
  };
}
