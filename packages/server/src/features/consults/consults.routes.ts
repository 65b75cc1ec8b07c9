import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addAttachmentSchema,
  assignSpecialistsSchema,
  attachmentSchema,
  consultDetailSchema,
  consultDraftSchema,
  consultEventSchema,
  consultListItemSchema,
  consultListQuerySchema,
  consultTransitionSchema,
  consultUpdateSchema,
  hubSpecialistSchema,
  messageInputSchema,
  messageSchema,
  outcomeInputSchema,
  pageSchema,
  specialtySchema,
  triageQueueQuerySchema,
  triageQueueSchema,
  uuidParamSchema,
} from '@vuonxa/core';
import type { Db } from '../../db/db.js';
import { meta, requireAuth } from '../../http/context.js';
import { consultsRepo } from './consults.repo.js';
import type { ConsultsService } from './consults.service.js';
import type { ThreadService } from './thread.service.js';

const tags = ['consultations'];

/** Content types that a browser may show inline; everything else downloads. Nothing is ever active content. */
const INLINE = new Set(['image/jpeg', 'image/png', 'video/mp4', 'video/webm', 'application/pdf']);

/** Every consultation route: staff who can take part in consultations; the service then checks their part. */
const READ = { access: { kind: 'session' as const, permission: 'consult.read' as const } };

export function consultsRoutes(deps: { db: Db; consults: ConsultsService; thread: ThreadService }): FastifyPluginAsyncZod {
  const { db, consults, thread } = deps;
  return async (app) => {
    app.post(
      '/api/consults',
      {
        config: { access: { kind: 'session', permission: 'consult.create' } },
        schema: { tags, summary: 'Start a consultation request (draft)', body: consultDraftSchema, response: { 201: consultDetailSchema } },
      },
      async (req, reply) => reply.status(201).send(await consults.create(requireAuth(req), req.body, meta(req))),
    );
    app.get(
      '/api/consults',
      {
        config: READ,
        schema: {
          tags,
          summary: 'Requests I have a part in, by view',
          querystring: consultListQuerySchema,
          response: { 200: pageSchema(consultListItemSchema) },
        },
      },
      async (req) => consults.list(requireAuth(req), req.query, meta(req)),
    );
    app.get(
      '/api/consults/queue',
      {
        config: { access: { kind: 'session', permission: 'consult.triage' } },
        schema: {
          tags,
          summary: "A page of a hub's triage queue (emergency first, then longest waiting) with how many wait and are overdue",
          querystring: triageQueueQuerySchema,
          response: { 200: triageQueueSchema },
        },
      },
      async (req) => consults.queue(requireAuth(req), req.query, meta(req)),
    );
    app.get(
      '/api/consults/:id',
      { config: READ, schema: { tags, summary: 'One request (audited)', params: uuidParamSchema, response: { 200: consultDetailSchema } } },
      async (req) => consults.get(requireAuth(req), req.params.id, meta(req)),
    );
    app.put(
      '/api/consults/:id',
      {
        config: { access: { kind: 'session', permission: 'consult.create' } },
        schema: {
          tags,
          summary: 'Save a draft (or answer while more information is needed)',
          params: uuidParamSchema,
          body: consultUpdateSchema,
          response: { 200: consultDetailSchema },
        },
      },
      async (req) => consults.update(requireAuth(req), req.params.id, req.body, meta(req)),
    );
    app.post(
      '/api/consults/:id/transitions',
      {
        config: READ,
        schema: {
          tags,
          summary: 'Move the request through its state machine',
          params: uuidParamSchema,
          body: consultTransitionSchema,
          response: { 200: consultDetailSchema },
        },
      },
      async (req) => consults.transition(requireAuth(req), req.params.id, req.body, meta(req)),
    );
    app.put(
      '/api/consults/:id/assignments',
      {
        config: { access: { kind: 'session', permission: 'consult.triage' } },
        schema: {
          tags,
          summary: 'Assign specialists',
          params: uuidParamSchema,
          body: assignSpecialistsSchema,
          response: { 200: consultDetailSchema },
        },
      },
      async (req) => consults.assign(requireAuth(req), req.params.id, req.body.specialistIds, meta(req)),
    );
    app.get(
      '/api/consults/:id/events',
      {
        config: READ,
        schema: { tags, summary: 'Timeline of transitions', params: uuidParamSchema, response: { 200: z.array(consultEventSchema) } },
      },
      async (req) => consults.events(requireAuth(req), req.params.id, meta(req)),
    );
    app.get(
      '/api/consults/:id/messages',
      { config: READ, schema: { tags, summary: 'Discussion thread', params: uuidParamSchema, response: { 200: z.array(messageSchema) } } },
      async (req) => thread.messages(requireAuth(req), req.params.id, meta(req)),
    );
    app.post(
      '/api/consults/:id/messages',
      {
        config: READ,
        schema: {
          tags,
          summary: 'Post to the discussion',
          params: uuidParamSchema,
          body: messageInputSchema,
          response: { 201: messageSchema },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await thread.post(requireAuth(req), req.params.id, req.body.body, req.body.blobIds, meta(req))),
    );
    app.post(
      '/api/consults/:id/read',
      { config: READ, schema: { tags, summary: 'Mark the discussion read (read receipts)', params: uuidParamSchema } },
      async (req, reply) => {
        await thread.markRead(requireAuth(req), req.params.id, meta(req));
        return reply.status(204).send();
      },
    );
    app.post(
      '/api/consults/:id/attachments',
      {
        config: READ,
        schema: {
          tags,
          summary: 'Attach an uploaded file',
          params: uuidParamSchema,
          body: addAttachmentSchema,
          response: { 201: attachmentSchema },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await thread.addAttachment(requireAuth(req), req.params.id, req.body.blobId, req.body.caption, meta(req))),
    );
    app.delete(
      '/api/consults/:id/attachments/:attachmentId',
      {
        config: READ,
        schema: { tags, summary: 'Remove a file from a draft', params: z.object({ id: z.uuid(), attachmentId: z.uuid() }) },
      },
      async (req, reply) => {
        await thread.removeAttachment(requireAuth(req), req.params.id, req.params.attachmentId, meta(req));
        return reply.status(204).send();
      },
    );
    for (const which of ['content', 'thumbnail'] as const) {
      app.get(
        `/api/attachments/:id/${which}`,
        {
          config: READ,
          schema: { tags, summary: which === 'content' ? 'The file (audited)' : 'Thumbnail of an image', params: uuidParamSchema },
        },
        async (req, reply) => {
          const f = await thread.content(requireAuth(req), req.params.id, which, meta(req));
          const inline = which === 'thumbnail' || INLINE.has(f.contentType);
          const name = encodeURIComponent(f.view.filename);
          return (
            reply
              .header('content-type', f.contentType)
              .header('content-length', f.size)
              .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${name}`)
              // Even a file that slipped past detection cannot run: no scripts, no plugins, its own origin.
              .header('content-security-policy', "default-src 'none'; img-src 'self'; media-src 'self'; sandbox")
              .header('cache-control', 'private, max-age=3600')
              .header('etag', `"${f.view.sha256}${which === 'thumbnail' ? '-t' : ''}"`)
              .send(f.stream)
          );
        },
      );
    }
    app.post(
      '/api/consults/:id/outcome',
      {
        config: { access: { kind: 'session', permission: 'consult.create' } },
        schema: {
          tags,
          summary: 'Report the outcome back (requesting site)',
          params: uuidParamSchema,
          body: outcomeInputSchema,
          response: { 200: consultDetailSchema },
        },
      },
      async (req) => consults.reportOutcome(requireAuth(req), req.params.id, req.body, meta(req)),
    );
    app.get(
      '/api/facilities/:id/specialists',
      {
        config: { access: { kind: 'session', permission: 'facility.read' } },
        schema: {
          tags,
          summary: 'Specialists of a hub with a user account (to assign, chair, sign)',
          params: uuidParamSchema,
          querystring: z.object({ specialty: specialtySchema.optional() }),
          response: {
            200: z.array(hubSpecialistSchema),
          },
        },
      },
      async (req) => {
        return consultsRepo.specialistsOf(db, req.params.id, req.query.specialty);
      },
    );
  };
}
