import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { siteInputSchema, siteSchema, uuidParamSchema } from '@vuonxa/core';
import { meta, requireAuth } from '../../http/context.js';
import type { SitesService } from './sites.service.js';

export function sitesRoutes(deps: { sites: SitesService }): FastifyPluginAsyncZod {
  const { sites } = deps;
  return async (app) => {
    app.get(
      '/api/facilities/:id/sites',
      {
        config: { access: { kind: 'session', permission: 'facility.read' } },
        schema: {
          tags: ['registry'],
          summary: 'Bridge sites of a facility',
          params: uuidParamSchema,
          response: { 200: z.array(siteSchema) },
        },
      },
      async (req) => sites.listByFacility(requireAuth(req), req.params.id),
    );
    app.post(
      '/api/facilities/:id/sites',
      {
        config: { access: { kind: 'session', permission: 'facility.manage' } },
        schema: {
          tags: ['registry'],
          summary: 'Add a bridge site',
          params: uuidParamSchema,
          body: siteInputSchema,
          response: { 201: siteSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await sites.create(requireAuth(req), req.params.id, req.body, meta(req))),
    );
    app.get(
      '/api/sites/:id',
      {
        config: { access: { kind: 'session', permission: 'facility.read' } },
        schema: { tags: ['registry'], summary: 'One bridge site', params: uuidParamSchema, response: { 200: siteSchema } },
      },
      async (req) => sites.get(requireAuth(req), req.params.id),
    );
    app.put(
      '/api/sites/:id',
      {
        config: { access: { kind: 'session', permission: 'facility.manage' } },
        schema: {
          tags: ['registry'],
          summary: 'Update a bridge site',
          params: uuidParamSchema,
          body: siteInputSchema,
          response: { 200: siteSchema },
        },
      },
      async (req) => sites.update(requireAuth(req), req.params.id, req.body, meta(req)),
    );
  };
}
