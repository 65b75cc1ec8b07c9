import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  onCallQuerySchema,
  onCallShiftInputSchema,
  onCallShiftSchema,
  pageSchema,
  practitionerInputSchema,
  practitionerQuerySchema,
  practitionerSchema,
  uuidParamSchema,
} from '@vuonxa/core';
import { meta, requireAuth } from '../../http/context.js';
import type { PractitionersService } from './practitioners.service.js';

export function practitionersRoutes(deps: { practitioners: PractitionersService }): FastifyPluginAsyncZod {
  const { practitioners } = deps;
  return async (app) => {
    app.get(
      '/api/practitioners',
      {
        config: { access: { kind: 'session', permission: 'practitioner.read' } },
        schema: {
          tags: ['registry'],
          summary: 'Practitioner directory (name, specialty, facility, province, language, on call)',
          querystring: practitionerQuerySchema,
          response: { 200: pageSchema(practitionerSchema) },
        },
      },
      async (req) => practitioners.search(requireAuth(req), req.query, meta(req)),
    );
    app.get(
      '/api/practitioners/:id',
      {
        config: { access: { kind: 'session', permission: 'practitioner.read' } },
        schema: { tags: ['registry'], summary: 'One practitioner', params: uuidParamSchema, response: { 200: practitionerSchema } },
      },
      async (req) => practitioners.get(requireAuth(req), req.params.id, meta(req)),
    );
    app.post(
      '/api/practitioners',
      {
        config: { access: { kind: 'session', permission: 'practitioner.manage' } },
        schema: {
          tags: ['registry'],
          summary: 'Register a practitioner at facilities I manage',
          body: practitionerInputSchema,
          response: { 201: practitionerSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await practitioners.create(requireAuth(req), req.body, meta(req))),
    );
    app.put(
      '/api/practitioners/:id',
      {
        config: { access: { kind: 'session', permission: 'practitioner.manage' } },
        schema: {
          tags: ['registry'],
          summary: 'Update a practitioner',
          params: uuidParamSchema,
          body: practitionerInputSchema,
          response: { 200: practitionerSchema },
        },
      },
      async (req) => practitioners.update(requireAuth(req), req.params.id, req.body, meta(req)),
    );
    app.get(
      '/api/on-call',
      {
        config: { access: { kind: 'session', permission: 'practitioner.read' } },
        schema: {
          tags: ['registry'],
          summary: 'Who is on call now (or at a time), by facility and specialty',
          querystring: onCallQuerySchema,
          response: { 200: z.array(onCallShiftSchema) },
        },
      },
      async (req) => practitioners.onCall(requireAuth(req), req.query),
    );
    app.post(
      '/api/on-call-shifts',
      {
        config: { access: { kind: 'session', permission: 'oncall.manage' } },
        schema: {
          tags: ['registry'],
          summary: 'Put a practitioner on call',
          body: onCallShiftInputSchema,
          response: { 201: onCallShiftSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await practitioners.addShift(requireAuth(req), req.body, meta(req))),
    );
  };
}
