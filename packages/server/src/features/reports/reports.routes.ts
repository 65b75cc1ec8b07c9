import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  reportBundleSchema,
  reportDraftSchema,
  reportFreezeSchema,
  reportSchema,
  reportSignSchema,
  reportVerificationSchema,
  uuidParamSchema,
} from '@vuonxa/core';
import { meta, requireAuth } from '../../http/context.js';
import { renderReportPdf } from './report-pdf.js';
import type { ReportsService } from './reports.service.js';

const tags = ['reports'];

/** Every consultation route: staff who can take part in consultations; the service then checks their part. */
const READ = { access: { kind: 'session' as const, permission: 'consult.read' as const } };

export function reportsRoutes(deps: { reports: ReportsService }): FastifyPluginAsyncZod {
  const { reports } = deps;
  return async (app) => {
    app.get(
      '/api/consults/:id/report',
      {
        config: READ,
        schema: {
          tags,
          summary: 'The report of a request and its versions',
          params: uuidParamSchema,
          response: { 200: reportBundleSchema },
        },
      },
      async (req) => reports.bundle(requireAuth(req), req.params.id, meta(req)),
    );
    app.put(
      '/api/consults/:id/report',
      {
        config: READ,
        schema: {
          tags,
          summary: 'Create or update the draft report (secretary)',
          params: uuidParamSchema,
          body: reportDraftSchema,
          response: { 200: reportSchema },
        },
      },
      async (req) => reports.saveDraft(requireAuth(req), req.params.id, req.body.content, meta(req)),
    );
    app.post(
      '/api/reports/:id/freeze',
      {
        config: READ,
        schema: {
          tags,
          summary: 'Freeze the draft and ask for signatures',
          params: uuidParamSchema,
          body: reportFreezeSchema,
          response: { 200: reportSchema },
        },
      },
      async (req) => reports.freeze(requireAuth(req), req.params.id, req.body.specialistSignerIds, meta(req)),
    );
    app.post(
      '/api/reports/:id/sign',
      {
        config: READ,
        schema: {
          tags,
          summary: 'Sign with my key (password re-entered)',
          params: uuidParamSchema,
          body: reportSignSchema,
          response: { 200: reportSchema },
        },
      },
      async (req) => reports.sign(requireAuth(req), req.params.id, req.body.password, meta(req)),
    );
    app.post(
      '/api/reports/:id/amend',
      {
        config: READ,
        schema: { tags, summary: 'Start a corrected version of a final report', params: uuidParamSchema, response: { 200: reportSchema } },
      },
      async (req) => reports.amend(requireAuth(req), req.params.id, meta(req)),
    );
    app.get(
      '/api/reports/:id/verify',
      {
        config: READ,
        schema: {
          tags,
          summary: 'Who signed, and whether the content changed since',
          params: uuidParamSchema,
          response: { 200: reportVerificationSchema },
        },
      },
      async (req) => reports.verify(requireAuth(req), req.params.id, meta(req)),
    );
    app.get(
      '/api/reports/:id/pdf',
      { config: READ, schema: { tags, summary: 'The report as PDF', params: uuidParamSchema } },
      async (req, reply) => {
        const x = await reports.forExport(requireAuth(req), req.params.id, meta(req));
        const pdf = await renderReportPdf(x.report, x.consult, x.verification);
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `attachment; filename="bien-ban-hoi-chan-${x.report.content.consultRef}-v${x.report.version}.pdf"`)
          .header('cache-control', 'private, no-store')
          .send(pdf);
      },
    );
  };
}
