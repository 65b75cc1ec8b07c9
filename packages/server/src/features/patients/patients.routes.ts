import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  patientInputSchema,
  patientRegisterResultSchema,
  patientSchema,
  patientSearchQuerySchema,
  patientSummarySchema,
  uuidParamSchema,
} from '@vuonxa/core';
import { meta, requireAuth } from '../../http/context.js';
import type { PatientsService } from './patients.service.js';

/** Every consultation route: staff who can take part in consultations; the service then checks their part. */
const READ = { access: { kind: 'session' as const, permission: 'consult.read' as const } };

export function patientsRoutes(deps: { patients: PatientsService }): FastifyPluginAsyncZod {
  const { patients } = deps;
  return async (app) => {
    app.post(
      '/api/patients',
      {
        config: { access: { kind: 'session', permission: 'patient.manage' } },
        schema: {
          tags: ['patients'],
          summary: 'Register a patient (or link the existing record found by citizen ID / insurance number)',
          body: patientInputSchema.extend({ facilityId: z.uuid() }),
          response: { 201: patientRegisterResultSchema },
        },
      },
      async (req, reply) => {
        const { facilityId, ...input } = req.body;
        return reply.status(201).send(await patients.register(requireAuth(req), facilityId, input, meta(req)));
      },
    );
    app.get(
      '/api/patients',
      {
        config: { access: { kind: 'session', permission: 'patient.manage' } },
        schema: {
          tags: ['patients'],
          summary: 'Find patients of my facilities',
          querystring: patientSearchQuerySchema,
          response: { 200: z.array(patientSummarySchema) },
        },
      },
      async (req) => patients.search(requireAuth(req), req.query.q, req.query.facilityId, req.query.limit, meta(req)),
    );
    app.get(
      '/api/patients/:id',
      {
        config: READ,
        schema: { tags: ['patients'], summary: 'One patient (audited)', params: uuidParamSchema, response: { 200: patientSchema } },
      },
      async (req) => patients.get(requireAuth(req), req.params.id, meta(req)),
    );
    app.put(
      '/api/patients/:id',
      {
        config: { access: { kind: 'session', permission: 'patient.manage' } },
        schema: {
          tags: ['patients'],
          summary: 'Correct a patient record',
          params: uuidParamSchema,
          body: patientInputSchema,
          response: { 200: patientSchema },
        },
      },
      async (req) => patients.update(requireAuth(req), req.params.id, req.body, meta(req)),
    );
  };
}
