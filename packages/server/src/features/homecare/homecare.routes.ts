import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AppError,
  bookingInputSchema,
  cancelInputSchema,
  consentInputSchema,
  CONSENT_KINDS,
  dependantInputSchema,
  devSmsSchema,
  holidayInputSchema,
  patientProfileSchema,
  personInputSchema,
  remoteCareConditionSchema,
  rescheduleInputSchema,
  scheduleInputSchema,
  scheduleResultSchema,
  slotQuerySchema,
  slotSchema,
  SPECIALTY_CODES,
  ticketInputSchema,
  ticketSchema,
  uuidParamSchema,
  visitListQuerySchema,
  visitSchema,
  visitServiceInputSchema,
  visitServiceSchema,
  walkInOpenSchema,
  walkInSchema,
} from '@vuonxa/core';
import { meta, requireAuth } from '../../http/context.js';
import type { AccountService } from './account.service.js';
import type { SmsGateway } from './sms.js';
import type { VisitsService } from './visits.service.js';
import type { WalkInsService } from './walkins.service.js';

const tags = ['patients at home'];
/** The patient's own account (role patient). */
const PATIENT = { access: { kind: 'session' as const, permission: 'visit.book' as const } };
/** Anyone signed in: reference lists, open slots, a visit, a queue (the service checks each one's part). */
const SIGNED_IN = { access: { kind: 'session' as const } };

export function homecareRoutes(deps: {
  account: AccountService;
  visits: VisitsService;
  walkIns: WalkInsService;
  sms: SmsGateway;
}): FastifyPluginAsyncZod {
  const { account, visits, walkIns, sms } = deps;
  return async (app) => {
    // Demo mode only: the SMS that were not sent (SMS_GATEWAY=dev). 404 with a real gateway.
    app.get(
      '/api/dev/sms-inbox',
      {
        config: { access: { kind: 'public' } },
        schema: { tags, summary: 'DEMO ONLY: the text messages not sent (SMS_GATEWAY=dev)', response: { 200: z.array(devSmsSchema) } },
      },
      async () => {
        const inbox = sms.inbox();
        if (!inbox) throw new AppError('NOT_FOUND', { details: { entity: 'dev inbox' } });
        return inbox;
      },
    );

    app.get(
      '/api/patient/profile',
      {
        config: PATIENT,
        schema: { tags, summary: 'My account: the people I act for and my consents', response: { 200: patientProfileSchema } },
      },
      async (req) => account.profile(requireAuth(req)),
    );
    app.put(
      '/api/patient/profile/self',
      { config: PATIENT, schema: { tags, summary: 'My own details', body: personInputSchema, response: { 200: patientProfileSchema } } },
      async (req) => account.saveSelf(requireAuth(req), req.body, meta(req)),
    );
    app.post(
      '/api/patient/dependants',
      {
        config: PATIENT,
        schema: {
          tags,
          summary: 'Add a family member I book for (a child, a parent)',
          body: dependantInputSchema,
          response: { 201: patientProfileSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await account.addDependant(requireAuth(req), req.body, meta(req))),
    );
    app.post(
      '/api/patient/consents',
      {
        config: PATIENT,
        schema: {
          tags,
          summary: 'Give a consent (its current version)',
          body: consentInputSchema,
          response: { 201: patientProfileSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await account.giveConsent(requireAuth(req), req.body.kind, req.body.version, meta(req))),
    );
    app.delete(
      '/api/patient/consents/:kind',
      {
        config: PATIENT,
        schema: {
          tags,
          summary: 'Withdraw a consent',
          params: z.object({ kind: z.enum(CONSENT_KINDS) }),
          response: { 200: patientProfileSchema },
        },
      },
      async (req) => account.withdrawConsent(requireAuth(req), req.params.kind, meta(req)),
    );

    app.get(
      '/api/remote-care/conditions',
      {
        config: SIGNED_IN,
        schema: {
          tags,
          summary: 'Conditions allowed for remote care (Circular 30/2023/TT-BYT)',
          response: { 200: z.array(remoteCareConditionSchema) },
        },
      },
      async () => visits.conditions(),
    );
    app.get(
      '/api/visit-services',
      {
        config: SIGNED_IN,
        schema: {
          tags,
          summary: 'Home-care services and fees',
          querystring: z.object({ specialty: z.enum(SPECIALTY_CODES).optional(), facilityId: z.uuid().optional() }),
          response: { 200: z.array(visitServiceSchema) },
        },
      },
      async (req) => visits.services(req.query),
    );
    app.post(
      '/api/facilities/:id/visit-services',
      {
        config: SIGNED_IN,
        schema: {
          tags,
          summary: 'Offer a home-care service with its fee (facility admin)',
          params: uuidParamSchema,
          body: visitServiceInputSchema,
          response: { 201: visitServiceSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await visits.createService(requireAuth(req), req.params.id, req.body, meta(req))),
    );
    app.post(
      '/api/facilities/:id/holidays',
      {
        config: SIGNED_IN,
        schema: {
          tags,
          summary: 'A holiday: no visit slots that day (facility admin)',
          params: uuidParamSchema,
          body: holidayInputSchema,
          response: { 201: z.object({ date: z.string(), name: z.string(), blockedSlots: z.number() }) },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await visits.addHoliday(requireAuth(req), req.params.id, req.body.date, req.body.name, meta(req))),
    );
    app.post(
      '/api/schedules',
      {
        config: SIGNED_IN,
        schema: {
          tags,
          summary: "Publish visit hours (a doctor's own, or any of the facility's by its admin)",
          body: scheduleInputSchema,
          response: { 201: scheduleResultSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await visits.publishSchedule(requireAuth(req), req.body, meta(req))),
    );
    app.get(
      '/api/slots',
      {
        config: SIGNED_IN,
        schema: { tags, summary: 'Open visit slots', querystring: slotQuerySchema, response: { 200: z.array(slotSchema) } },
      },
      async (req) => visits.slots(req.query),
    );

    app.post(
      '/api/visits',
      {
        config: PATIENT,
        schema: {
          tags,
          summary: 'Book a visit (legal list, scope of practice and consents checked)',
          body: bookingInputSchema,
          response: { 201: visitSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await visits.book(requireAuth(req), req.body, meta(req))),
    );
    app.get(
      '/api/visits',
      {
        config: SIGNED_IN,
        schema: {
          tags,
          summary: 'Visits: mine, as the doctor, or a facility’s',
          querystring: visitListQuerySchema,
          response: { 200: z.array(visitSchema) },
        },
      },
      async (req) => visits.list(requireAuth(req), req.query),
    );
    app.post(
      '/api/visits/:id/cancel',
      {
        config: SIGNED_IN,
        schema: {
          tags,
          summary: 'Cancel (the patient before the cut-off; the doctor or facility any time)',
          params: uuidParamSchema,
          body: cancelInputSchema,
          response: { 200: visitSchema },
        },
      },
      async (req) => visits.cancel(requireAuth(req), req.params.id, req.body.reason, meta(req)),
    );
    app.post(
      '/api/visits/:id/reschedule',
      {
        config: SIGNED_IN,
        schema: {
          tags,
          summary: 'Move to another slot (same rules as booking)',
          params: uuidParamSchema,
          body: rescheduleInputSchema,
          response: { 200: visitSchema },
        },
      },
      async (req) => visits.reschedule(requireAuth(req), req.params.id, req.body.slotId, meta(req)),
    );

    app.get(
      '/api/walk-ins',
      {
        config: SIGNED_IN,
        schema: {
          tags,
          summary: 'Open walk-in virtual clinics',
          querystring: z.object({ facilityId: z.uuid().optional() }),
          response: { 200: z.array(walkInSchema) },
        },
      },
      async (req) => walkIns.walkIns(req.query.facilityId),
    );
    app.post(
      '/api/facilities/:id/walk-ins',
      {
        config: SIGNED_IN,
        schema: {
          tags,
          summary: 'Open a walk-in virtual clinic',
          params: uuidParamSchema,
          body: walkInOpenSchema,
          response: { 201: walkInSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await walkIns.openWalkIn(requireAuth(req), req.params.id, req.body, meta(req))),
    );
    app.post(
      '/api/walk-ins/:id/close',
      {
        config: SIGNED_IN,
        schema: { tags, summary: 'Close a walk-in clinic (no new numbers)', params: uuidParamSchema, response: { 200: walkInSchema } },
      },
      async (req) => walkIns.closeWalkIn(requireAuth(req), req.params.id, meta(req)),
    );
    app.post(
      '/api/walk-ins/:id/tickets',
      {
        config: PATIENT,
        schema: { tags, summary: 'Take a number', params: uuidParamSchema, body: ticketInputSchema, response: { 201: ticketSchema } },
      },
      async (req, reply) => reply.status(201).send(await walkIns.takeTicket(requireAuth(req), req.params.id, req.body, meta(req))),
    );
    app.get(
      '/api/walk-ins/:id/tickets/:visitId',
      {
        config: SIGNED_IN,
        schema: {
          tags,
          summary: 'My place in the queue and the expected wait',
          params: z.object({ id: z.uuid(), visitId: z.uuid() }),
          response: { 200: ticketSchema },
        },
      },
      async (req) => walkIns.ticket(requireAuth(req), req.params.id, req.params.visitId, meta(req)),
    );
    app.post(
      '/api/walk-ins/:id/next',
      {
        config: SIGNED_IN,
        schema: { tags, summary: 'Call the next patient (a doctor on duty)', params: uuidParamSchema, response: { 200: visitSchema } },
      },
      async (req) => walkIns.callNext(requireAuth(req), req.params.id, meta(req)),
    );
  };
}
