import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  endSupportLinkSchema,
  facilityLinksSchema,
  hubQuerySchema,
  hubSuggestionSchema,
  supportLinkInputSchema,
  supportLinkSchema,
  uuidParamSchema,
} from '@vuonxa/core';
import { meta, requireAuth } from '../../http/context.js';
import type { SupportLinksService } from './support-links.service.js';

export function supportLinksRoutes(deps: { links: SupportLinksService }): FastifyPluginAsyncZod {
  const { links } = deps;
  return async (app) => {
    app.get(
      '/api/facilities/:id/support-links',
      {
        config: { access: { kind: 'session', permission: 'facility.read' } },
        schema: {
          tags: ['registry'],
          summary: 'Whom the facility supports and who supports it',
          params: uuidParamSchema,
          response: { 200: facilityLinksSchema },
        },
      },
      async (req) => links.ofFacility(requireAuth(req), req.params.id),
    );
    app.get(
      '/api/facilities/:id/hubs',
      {
        config: { access: { kind: 'session', permission: 'facility.read' } },
        schema: {
          tags: ['registry'],
          summary: 'Hubs to ask for this spoke and a specialty, nearest first',
          params: uuidParamSchema,
          querystring: hubQuerySchema,
          response: { 200: z.array(hubSuggestionSchema) },
        },
      },
      async (req) => links.hubsFor(requireAuth(req), req.params.id, req.query.specialty),
    );
    app.post(
      '/api/support-links',
      {
        config: { access: { kind: 'session', permission: 'supportlink.manage' } },
        schema: {
          tags: ['registry'],
          summary: 'Link a hub to a spoke (system admin)',
          body: supportLinkInputSchema,
          response: { 201: supportLinkSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await links.create(requireAuth(req), req.body, meta(req))),
    );
    app.post(
      '/api/support-links/:id/end',
      {
        config: { access: { kind: 'session', permission: 'supportlink.manage' } },
        schema: {
          tags: ['registry'],
          summary: 'End a support link on a date',
          params: uuidParamSchema,
          body: endSupportLinkSchema,
          response: { 200: supportLinkSchema },
        },
      },
      async (req) => links.end(requireAuth(req), req.params.id, req.body.validTo, meta(req)),
    );
  };
}
