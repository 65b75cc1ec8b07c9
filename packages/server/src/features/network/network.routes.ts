import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { networkOverviewSchema, type NetworkOverview } from '@vuonxa/core';
import type { Db } from '../../db/db.js';
import { networkOverview } from './network.repo.js';

/**
 * The overview is a national aggregate that changes slowly: one computation is shared by every caller for
 * `ttlMs` (per instance), so a room of evaluators opening the dashboard costs one scan, not one each.
 */
export function networkRoutes(deps: { db: Db; ttlMs?: number; now?: () => number }): FastifyPluginAsyncZod {
  const ttl = deps.ttlMs ?? 30_000;
  const now = deps.now ?? Date.now;
  let cached: { at: number; value: Promise<NetworkOverview> } | null = null;
  const overview = (): Promise<NetworkOverview> => {
    if (!cached || now() - cached.at >= ttl) {
      const value = networkOverview(deps.db);
      cached = { at: now(), value };
      value.catch(() => (cached = null));
    }
    return cached.value;
  };
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
      async () => overview(),
    );
  };
}
