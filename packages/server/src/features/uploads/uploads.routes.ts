import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, UPLOAD_CHUNK_BYTES, blobSchema, uploadCreateSchema, uploadStatusSchema, uuidParamSchema } from '@vuonxa/core';
import { meta, requireAuth } from '../../http/context.js';
import type { UploadsService } from './uploads.service.js';

/** Every consultation route: staff who can take part in consultations; the service then checks their part. */
const READ = { access: { kind: 'session' as const, permission: 'consult.read' as const } };

export function uploadsRoutes(deps: { uploads: UploadsService }): FastifyPluginAsyncZod {
  const { uploads } = deps;
  return async (app) => {
    // Chunks arrive as raw bytes; everything else in this plugin is JSON.
    app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: UPLOAD_CHUNK_BYTES + 1024 }, (_req, body, done) =>
      done(null, body),
    );
    app.post(
      '/api/uploads',
      {
        config: READ,
        schema: { tags: ['uploads'], summary: 'Start a resumable upload', body: uploadCreateSchema, response: { 201: uploadStatusSchema } },
      },
      async (req, reply) => reply.status(201).send(await uploads.create(requireAuth(req), req.body)),
    );
    app.get(
      '/api/uploads/:id',
      {
        config: READ,
        schema: {
          tags: ['uploads'],
          summary: 'How much of an upload arrived',
          params: uuidParamSchema,
          response: { 200: uploadStatusSchema },
        },
      },
      async (req) => uploads.status(requireAuth(req), req.params.id),
    );
    app.put(
      '/api/uploads/:id/chunk',
      {
        bodyLimit: UPLOAD_CHUNK_BYTES + 1024,
        config: READ,
        schema: {
          tags: ['uploads'],
          summary: 'Send the bytes at `offset` (application/octet-stream)',
          params: uuidParamSchema,
          querystring: z.object({ offset: z.coerce.number().int().min(0) }),
          response: { 200: uploadStatusSchema },
        },
      },
      async (req) => {
        if (!Buffer.isBuffer(req.body)) {
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', { details: { field: 'content-type', expected: 'application/octet-stream' } });
        }
        return uploads.writeChunk(requireAuth(req), req.params.id, req.query.offset, req.body);
      },
    );
    app.post(
      '/api/uploads/:id/complete',
      {
        config: READ,
        schema: {
          tags: ['uploads'],
          summary: 'Finish: verify checksum and type, store',
          params: uuidParamSchema,
          response: { 200: blobSchema },
        },
      },
      async (req) => uploads.complete(requireAuth(req), req.params.id, meta(req)),
    );
  };
}
