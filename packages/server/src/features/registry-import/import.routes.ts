import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { importKindSchema, importRequestSchema, importResultSchema } from '@vuonxa/core';
import { meta, requireAuth } from '../../http/context.js';
import type { ExportService } from './export.service.js';
import type { ImportService } from './import.service.js';

// A 20,000-row CSV is a few megabytes; the rest of the API keeps the 1 MiB default.
const IMPORT_BODY_LIMIT = 25 * 1024 * 1024;

export function registryImportRoutes(deps: { imports: ImportService; exports: ExportService }): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/registry/import/:kind',
      {
        bodyLimit: IMPORT_BODY_LIMIT,
        config: { access: { kind: 'session', permission: 'registry.import' } },
        schema: {
          tags: ['registry'],
          summary: 'Bulk import from CSV: all rows validated first; any bad row → 400 with every bad row by line and column',
          params: z.object({ kind: importKindSchema }),
          body: importRequestSchema,
          response: { 200: importResultSchema },
        },
      },
      async (req) => deps.imports.run(requireAuth(req), req.params.kind, req.body.csv, req.body.dryRun, meta(req)),
    );
    app.get(
      '/api/registry/export/:kind',
      {
        config: { access: { kind: 'session', permission: 'registry.import' } },
        schema: {
          tags: ['registry'],
          summary: 'Export in the import CSV format',
          params: z.object({ kind: importKindSchema }),
          querystring: z.object({
            provinceCode: z
              .string()
              .regex(/^\d{2}$/, 'two digits')
              .optional(),
          }),
        },
      },
      async (req, reply) => {
        const body = await deps.exports.stream(requireAuth(req), req.params.kind, req.query.provinceCode, meta(req));
        const date = new Date().toISOString().slice(0, 10);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="vuonxa-${req.params.kind}-${date}.csv"`)
          .send(body);
      },
    );
  };
}
