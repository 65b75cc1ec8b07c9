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
  bankNotificationSchema,
  paymentSchema,
  prescriptionInputSchema,
  prescriptionSchema,
  visitDetailSchema,
  visitMessageInputSchema,
  visitMessageSchema,
  visitNoteSchema,
  visitStepsInputSchema,
} from '@vuonxa/core';
import { meta, requireAuth } from '../../http/context.js';
import type { AccountService } from './account.service.js';
import { BANK_SIGNATURE_HEADER, type BankGateway } from './bank.js';
import type { CareService } from './care.service.js';
import { renderPrescriptionPdf } from './prescription-pdf.js';
import type { SmsGateway } from './sms.js';
import type { VisitsService } from './visits.service.js';

const tags = ['patients at home'];
/** The patient's own account (role patient). */
const PATIENT = { access: { kind: 'session' as const, permission: 'visit.book' as const } };
/** Anyone signed in: reference lists, open slots, a visit, a queue (the service checks each one's part). */
const SIGNED_IN = { access: { kind: 'session' as const } };

export function homecareRoutes(deps: {
  account: AccountService;
  visits: VisitsService;
  care: CareService;
  sms: SmsGateway;
  bank: BankGateway;
}): FastifyPluginAsyncZod {
  const { account, visits, care, sms, bank } = deps;
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
    app.get(
      '/api/visits/:id',
      {
        config: SIGNED_IN,
        schema: { tags, summary: 'One visit, with its steps and note', params: uuidParamSchema, response: { 200: visitDetailSchema } },
      },
      async (req) => care.get(requireAuth(req), req.params.id, meta(req)),
    );
    // The visit itself (Official Dispatch 7946/BYT-KCB): the doctor's steps.
    app.post(
      '/api/visits/:id/start',
      {
        config: SIGNED_IN,
        schema: {
          tags,
          summary: 'Start the visit (the doctor; legal gate checked again; opens the video room)',
          params: uuidParamSchema,
          response: { 200: visitDetailSchema },
        },
      },
      async (req) => care.start(requireAuth(req), req.params.id, meta(req)),
    );
    app.put(
      '/api/visits/:id/steps',
      {
        config: SIGNED_IN,
        schema: {
          tags,
          summary: 'Identity, consent and red-flag triage (a red flag ends the visit with emergency advice)',
          params: uuidParamSchema,
          body: visitStepsInputSchema,
          response: { 200: visitDetailSchema },
        },
      },
      async (req) => care.steps(requireAuth(req), req.params.id, req.body, meta(req)),
    );
    app.put(
      '/api/visits/:id/note',
      {
        config: SIGNED_IN,
        schema: {
          tags,
          summary: 'The visit note (complaint, findings, ICD-10 diagnoses, advice, follow-up)',
          params: uuidParamSchema,
          body: visitNoteSchema,
          response: { 200: visitDetailSchema },
        },
      },
      async (req) => care.note(requireAuth(req), req.params.id, req.body, meta(req)),
    );
    app.post(
      '/api/visits/:id/complete',
      {
        config: SIGNED_IN,
        schema: {
          tags,
          summary: 'End the visit (the payment request follows)',
          params: uuidParamSchema,
          response: { 200: visitDetailSchema },
        },
      },
      async (req) => care.complete(requireAuth(req), req.params.id, meta(req)),
    );
    app.get(
      '/api/visits/:id/messages',
      {
        config: SIGNED_IN,
        schema: { tags, summary: "The visit's messages", params: uuidParamSchema, response: { 200: z.array(visitMessageSchema) } },
      },
      async (req) => care.messages(requireAuth(req), req.params.id, meta(req)),
    );
    app.post(
      '/api/visits/:id/messages',
      {
        config: SIGNED_IN,
        schema: {
          tags,
          summary: 'Send a message (when video and sound fail)',
          params: uuidParamSchema,
          body: visitMessageInputSchema,
          response: { 201: z.array(visitMessageSchema) },
        },
      },
      async (req, reply) => reply.status(201).send(await care.postMessage(requireAuth(req), req.params.id, req.body.text, meta(req))),
    );
    app.post(
      '/api/visits/:id/prescription',
      {
        config: SIGNED_IN,
        schema: {
          tags,
          summary: 'Issue the e-prescription (the visit’s doctor; no controlled substances)',
          params: uuidParamSchema,
          body: prescriptionInputSchema,
          response: { 201: prescriptionSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await care.prescribe(requireAuth(req), req.params.id, req.body, meta(req))),
    );
    app.get(
      '/api/prescriptions/:id',
      { config: SIGNED_IN, schema: { tags, summary: 'A prescription', params: uuidParamSchema, response: { 200: prescriptionSchema } } },
      async (req) => care.prescription(requireAuth(req), req.params.id, meta(req)),
    );
    app.get(
      '/api/prescriptions/:id/pdf',
      { config: SIGNED_IN, schema: { tags, summary: 'The prescription to print (PDF)', params: uuidParamSchema } },
      async (req, reply) => {
        const p = await care.prescription(requireAuth(req), req.params.id, meta(req));
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `inline; filename="don-thuoc-${p.code}.pdf"`)
          .header('cache-control', 'private, no-store')
          .send(await renderPrescriptionPdf(p));
      },
    );
    app.get(
      '/api/visits/:id/payment',
      {
        config: SIGNED_IN,
        schema: { tags, summary: 'The payment request (VietQR) and its status', params: uuidParamSchema, response: { 200: paymentSchema } },
      },
      async (req) => care.payment(requireAuth(req), req.params.id, meta(req)),
    );
    // The bank's confirmation of a transfer: signed by the bank (the gateway checks), never by a browser session.
    app.post(
      '/api/payments/bank-notify',
      {
        config: { access: { kind: 'public' } },
        schema: {
          tags,
          summary: "The bank's notification of a VietQR transfer (signed)",
          body: bankNotificationSchema,
          response: { 200: z.object({ status: z.string() }) },
        },
      },
      async (req) => {
        const signature = req.headers[BANK_SIGNATURE_HEADER];
        if (!bank.verify(canonicalNotification(req.body), typeof signature === 'string' ? signature : undefined))
          throw new AppError('AUTH_INVALID_CREDENTIALS', { message: 'Bad bank signature' });
        return care.bankNotify(req.body, meta(req));
      },
    );
    // Demo only (BANK_GATEWAY=test): the test bank "transfers" the amount of a pending payment, as the patient's bank would.
    app.post(
      '/api/dev/test-bank/pay/:id',
      {
        config: { access: { kind: 'public' } },
        schema: {
          tags,
          summary: 'DEMO ONLY: the test bank pays a pending payment',
          params: uuidParamSchema,
          response: { 200: z.object({ status: z.string() }) },
        },
      },
      async (req) => {
        const p = bank.kind === 'test' ? await care.paymentForTestBank(req.params.id) : null;
        if (!p) throw new AppError('NOT_FOUND', { details: { entity: 'pending payment' } });
        const n = { reference: p.reference, amountVnd: p.amountVnd, bankTxnId: `TEST${Date.now()}` };
        const res = await app.inject({
          method: 'POST',
          url: '/api/payments/bank-notify',
          payload: n,
          headers: { [BANK_SIGNATURE_HEADER]: bank.sign(canonicalNotification(n))! },
        });
        return res.json<{ status: string }>();
      },
    );
    app.get(
      '/api/patient/record/:id',
      {
        config: PATIENT,
        schema: {
          tags,
          summary: "A person's record, as they may see it (add ?download=1 to export it as a file)",
          params: uuidParamSchema,
          querystring: z.object({ download: z.coerce.boolean().optional() }),
        },
      },
      async (req, reply) => {
        const record = await care.record(requireAuth(req), req.params.id, meta(req));
        if (req.query.download) void reply.header('content-disposition', `attachment; filename="ho-so-suc-khoe-${req.params.id}.json"`);
        return reply.header('cache-control', 'private, no-store').send(record);
      },
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
      async (req) => visits.walkIns(req.query.facilityId),
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
      async (req, reply) => reply.status(201).send(await visits.openWalkIn(requireAuth(req), req.params.id, req.body, meta(req))),
    );
    app.post(
      '/api/walk-ins/:id/close',
      {
        config: SIGNED_IN,
        schema: { tags, summary: 'Close a walk-in clinic (no new numbers)', params: uuidParamSchema, response: { 200: walkInSchema } },
      },
      async (req) => visits.closeWalkIn(requireAuth(req), req.params.id, meta(req)),
    );
    app.post(
      '/api/walk-ins/:id/tickets',
      {
        config: PATIENT,
        schema: { tags, summary: 'Take a number', params: uuidParamSchema, body: ticketInputSchema, response: { 201: ticketSchema } },
      },
      async (req, reply) => reply.status(201).send(await visits.takeTicket(requireAuth(req), req.params.id, req.body, meta(req))),
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
      async (req) => visits.ticket(requireAuth(req), req.params.id, req.params.visitId, meta(req)),
    );
    app.post(
      '/api/walk-ins/:id/next',
      {
        config: SIGNED_IN,
        schema: { tags, summary: 'Call the next patient (a doctor on duty)', params: uuidParamSchema, response: { 200: visitSchema } },
      },
      async (req) => visits.callNext(requireAuth(req), req.params.id, meta(req)),
    );
  };
}

/** The bytes a bank notification is signed over (fixed field order). */
export function canonicalNotification(n: { reference: string; amountVnd: number; bankTxnId: string }): string {
  return JSON.stringify({ reference: n.reference, amountVnd: n.amountVnd, bankTxnId: n.bankTxnId });
}
