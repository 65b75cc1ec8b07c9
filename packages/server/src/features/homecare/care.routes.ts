import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AppError,
  bankNotificationSchema,
  paymentSchema,
  prescriptionInputSchema,
  prescriptionSchema,
  uuidParamSchema,
  visitDetailSchema,
  visitMessageInputSchema,
  visitMessageSchema,
  visitNoteSchema,
  visitStepsInputSchema,
} from '@vuonxa/core';
import { meta, requireAuth } from '../../http/context.js';
import { BANK_SIGNATURE_HEADER, type BankGateway } from './bank.js';
import type { CareService } from './care.service.js';
import { renderPrescriptionPdf } from './prescription-pdf.js';
import { renderReceiptPdf } from './receipt.js';

const tags = ['patients at home'];
const PATIENT = { access: { kind: 'session' as const, permission: 'visit.book' as const } };
/** Anyone signed in: the service checks each one's part in the visit (the patient's account, its doctor, staff). */
const SIGNED_IN = { access: { kind: 'session' as const } };

/** The visit itself (Official Dispatch 7946/BYT-KCB), its prescription and payment, and the patient's record. */
export function careRoutes(deps: { care: CareService; bank: BankGateway }): FastifyPluginAsyncZod {
  const { care, bank } = deps;
  return async (app) => {
    app.get(
      '/api/visits/:id',
      {
        config: SIGNED_IN,
        schema: { tags, summary: 'One visit, with its steps and note', params: uuidParamSchema, response: { 200: visitDetailSchema } },
      },
      async (req) => care.get(requireAuth(req), req.params.id, meta(req)),
    );
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
      '/api/visits/:id/receipt',
      { config: SIGNED_IN, schema: { tags, summary: 'The receipt of a paid visit (PDF; 409 while unpaid)', params: uuidParamSchema } },
      async (req, reply) => {
        const r = await care.receipt(requireAuth(req), req.params.id, meta(req));
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `inline; filename="bien-lai-${r.receiptNo}.pdf"`)
          .header('cache-control', 'private, no-store')
          .send(await renderReceiptPdf(r));
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
  };
}

/** The bytes a bank notification is signed over (fixed field order). */
export function canonicalNotification(n: { reference: string; amountVnd: number; bankTxnId: string }): string {
  return JSON.stringify({ reference: n.reference, amountVnd: n.amountVnd, bankTxnId: n.bankTxnId });
}
