import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, communeSchema, provinceSchema } from '@vuonxa/core';
import type { Db } from '../../db/db.js';

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
      async () => {
        const { rows } = await db.query<{ code: string; name: string; commune_count: number }>(
          `SELECT p.code, p.name, (SELECT count(*)::int FROM commune c WHERE c.province_code = p.code AND c.valid_to IS NULL) AS commune_count
             FROM province p WHERE p.valid_to IS NULL ORDER BY p.code`,
        );
        return rows.map((r) => ({ code: r.code, name: r.name, communeCount: r.commune_count }));
      },
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
        const { rows } = await db.query<{ code: string; name: string; province_code: string }>(
          `SELECT code, name, province_code FROM commune WHERE province_code = $1 AND valid_to IS NULL ORDER BY code`,
          [req.params.code],
        );
        if (!rows.length) throw new AppError('NOT_FOUND', { details: { entity: 'province' } });
        return rows.map((r) => ({ code: r.code, name: r.name, provinceCode: r.province_code }));
      },
    );
  };
}
