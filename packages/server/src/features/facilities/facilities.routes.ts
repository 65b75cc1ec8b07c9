import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, facilitySummarySchema, facilityTypeSchema, limitSchema, pageSchema, uuidParamSchema } from '@vuonxa/core';
import type { Db } from '../../db/db.js';
import { facilitiesRepo } from './facilities.repo.js';

const listQuery = z.object({
  q: z.string().trim().max(100).optional(),
  provinceCode: z
    .string()
    .regex(/^\d{2}$/, 'two digits')
    .optional(),
  type: facilityTypeSchema.optional(),
  cursor: z.string().max(64).optional(),
  limit: limitSchema,
});

/** The facility directory: public information about the network, readable by staff. */
export function facilitiesRoutes(deps: { db: Db }): FastifyPluginAsyncZod {
  const { db } = deps;
  return async (app) => {
    app.get(
      '/api/facilities',
      {
        config: { access: { kind: 'session', permission: 'facility.read' } },
        schema: {
          tags: ['facilities'],
          summary: 'Facilities of the network',
          querystring: listQuery,
          response: { 200: pageSchema(facilitySummarySchema) },
        },
      },
      async (req) => facilitiesRepo.list(db, req.query),
    );
    app.get(
      '/api/facilities/:id',
      {
        config: { access: { kind: 'session', permission: 'facility.read' } },
        schema: { tags: ['facilities'], summary: 'One facility', params: uuidParamSchema, response: { 200: facilitySummarySchema } },
      },
      async (req) => {
        const f = await facilitiesRepo.get(db, req.params.id);
        if (!f) throw new AppError('NOT_FOUND', { details: { entity: 'facility' } });
        return f;
      },
    );
  };
}
