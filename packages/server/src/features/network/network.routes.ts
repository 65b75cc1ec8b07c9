import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { networkOverviewSchema } from '@vuonxa/core';
import type { Db } from '../../db/db.js';
import { networkOverview } from './network.repo.js';

export function networkRoutes(deps: { db: Db }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/network/overview',
      {
        config: { access: { kind: 'session', permission: 'facility.read' } },
        schema: {
          tags: ['registry'],
          summary: 'Counts by province, type and level; where sites are and are not',
          response: { 200: networkOverviewSchema },
        },
      },
      async () => networkOverview(deps.db),
    );
  };
}
