import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, communeSchema, provinceSchema } from '@vuonxa/core';
import type { Db } from '../../db/db.js';
import { communesInForce, provincesInForce } from './geo.repo.js';

/** Administrative units in force (reference data, no personal data). */
export function geoRoutes(deps: { db: Db }): FastifyPluginAsyncZod {
  const { db } = deps;
  return async (app) => {
    app.get(
      '/api/geo/provinces',
      {
        config: { access: { kind: 'session', permission: 'geo.read' } },
        schema: { tags: ['geo'], summary: 'Provinces in force, with their number of communes', response: { 200: z.array(provinceSchema) } },
      },
      async () => provincesInForce(db),
    );
    app.get(
      '/api/geo/provinces/:code/communes',
      {
        config: { access: { kind: 'session', permission: 'geo.read' } },
        schema: {
          tags: ['geo'],
          summary: 'Communes of a province in force',
          params: z.object({ code: z.string().regex(/^\d{2}$/, 'two digits') }),
          response: { 200: z.array(communeSchema) },
        },
      },
      async (req) => {
        const communes = await communesInForce(db, req.params.code);
        if (!communes.length) throw new AppError('NOT_FOUND', { details: { entity: 'province' } });
        return communes;
      },
    );
  };
}
