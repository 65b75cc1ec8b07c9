import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  facilityDetailSchema,
  facilityInputSchema,
  facilityListQuerySchema,
  facilitySummarySchema,
  pageSchema,
  uuidParamSchema,
} from '@vuonxa/core';
import { meta, requireAuth } from '../../http/context.js';
import type { FacilitiesService } from './facilities.service.js';

/** The facility directory: public information about the network, readable by staff. */
export function facilitiesRoutes(deps: { facilities: FacilitiesService }): FastifyPluginAsyncZod {
  const { facilities } = deps;
  return async (app) => {
    app.get(
      '/api/facilities',
      {
        config: { access: { kind: 'session', permission: 'facility.read' } },
        schema: {
          tags: ['registry'],
          summary: 'Facilities of the network (search, filters, keyset pages)',
          querystring: facilityListQuerySchema,
          response: { 200: pageSchema(facilitySummarySchema) },
        },
      },
      async (req) => facilities.list(requireAuth(req), req.query),
    );
    app.get(
      '/api/facilities/:id',
      {
        config: { access: { kind: 'session', permission: 'facility.read' } },
        schema: { tags: ['registry'], summary: 'One facility', params: uuidParamSchema, response: { 200: facilityDetailSchema } },
      },
      async (req) => facilities.get(requireAuth(req), req.params.id),
    );
    app.post(
      '/api/facilities',
      {
        config: { access: { kind: 'session', permission: 'facility.create' } },
        schema: {
          tags: ['registry'],
          summary: 'Create a facility (system admin)',
          body: facilityInputSchema,
          response: { 201: facilityDetailSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await facilities.create(requireAuth(req), req.body, meta(req))),
    );
    app.put(
      '/api/facilities/:id',
      {
        config: { access: { kind: 'session', permission: 'facility.manage' } },
        schema: {
          tags: ['registry'],
          summary: 'Update a facility (its admin; network fields: system admin)',
          params: uuidParamSchema,
          body: facilityInputSchema,
          response: { 200: facilityDetailSchema },
        },
      },
      async (req) => facilities.update(requireAuth(req), req.params.id, req.body, meta(req)),
    );
  };
}
