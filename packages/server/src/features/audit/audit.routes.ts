import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditEventSchema, auditQuerySchema, pageSchema } from '@vuonxa/core';
import { meta, requireAuth } from '../../http/context.js';
import type { AuditService } from './audit.service.js';

export function auditRoutes(deps: { audit: AuditService }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/audit-events',
      {
        config: { access: { kind: 'session', permission: 'audit.read' } },
        schema: {
          tags: ['audit'],
          summary: 'Search the audit trail (system admins: all; facility admins: their facilities)',
          querystring: auditQuerySchema,
          response: { 200: pageSchema(auditEventSchema) },
        },
      },
      async (req) => deps.audit.search(meta(req), requireAuth(req).principal, req.query),
    );
  };
}
