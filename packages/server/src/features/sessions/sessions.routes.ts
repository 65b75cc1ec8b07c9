import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  agendaDiscussedSchema,
  inviteResponseSchema,
  minutesSchema,
  recordingConsentInputSchema,
  recordingConsentSchema,
  sessionRecordingSchema,
  sessionInputSchema,
  sessionListItemSchema,
  sessionListQuerySchema,
  sessionSchema,
  uuidParamSchema,
} from '@vuonxa/core';
import { meta, requireAuth } from '../../http/context.js';
import type { SessionsService } from './sessions.service.js';

const tags = ['sessions'];

/** Every consultation route: staff who can take part in consultations; the service then checks their part. */
const READ = { access: { kind: 'session' as const, permission: 'consult.read' as const } };

export function sessionsRoutes(deps: { sessions: SessionsService }): FastifyPluginAsyncZod {
  const { sessions } = deps;
  return async (app) => {
    app.post(
      '/api/sessions',
      {
        config: { access: { kind: 'session', permission: 'consult.triage' } },
        schema: { tags, summary: 'Schedule a live consultation session', body: sessionInputSchema, response: { 201: sessionSchema } },
      },
      async (req, reply) => reply.status(201).send(await sessions.create(requireAuth(req), req.body, meta(req))),
    );
    app.get(
      '/api/sessions',
      {
        config: READ,
        schema: {
          tags,
          summary: 'Sessions I chair, coordinate or am invited to',
          querystring: sessionListQuerySchema,
          response: { 200: z.array(sessionListItemSchema) },
        },
      },
      async (req) => sessions.list(requireAuth(req), req.query),
    );
    app.get(
      '/api/sessions/:id',
      { config: READ, schema: { tags, summary: 'One session', params: uuidParamSchema, response: { 200: sessionSchema } } },
      async (req) => sessions.get(requireAuth(req), req.params.id, meta(req)),
    );
    for (const op of ['start', 'end', 'cancel', 'join', 'leave'] as const) {
      app.post(
        `/api/sessions/:id/${op}`,
        {
          config: READ,
          schema: {
            tags,
            summary: `${op[0]!.toUpperCase()}${op.slice(1)} the session`,
            params: uuidParamSchema,
            response: { 200: sessionSchema },
          },
        },
        async (req) => sessions[op](requireAuth(req), req.params.id, meta(req)),
      );
    }
    app.post(
      '/api/sessions/:id/invites/:inviteId/respond',
      {
        config: READ,
        schema: {
          tags,
          summary: 'Accept or decline an invitation',
          params: z.object({ id: z.uuid(), inviteId: z.uuid() }),
          body: inviteResponseSchema,
          response: { 200: sessionSchema },
        },
      },
      async (req) => sessions.respond(requireAuth(req), req.params.id, req.params.inviteId, req.body.response, meta(req)),
    );
    app.put(
      '/api/sessions/:id/minutes',
      {
        config: READ,
        schema: {
          tags,
          summary: 'Write the minutes (chair or secretary)',
          params: uuidParamSchema,
          body: minutesSchema,
          response: { 200: sessionSchema },
        },
      },
      async (req) => sessions.minutes(requireAuth(req), req.params.id, req.body.minutes, meta(req)),
    );
    app.post(
      '/api/sessions/:id/agenda/:consultId/recording-consent',
      {
        config: READ,
        schema: {
          tags,
          summary: "Record the patient's consent to the recording of their case (requesting site or host)",
          params: z.object({ id: z.uuid(), consultId: z.uuid() }),
          body: recordingConsentInputSchema,
          response: { 201: recordingConsentSchema },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(await sessions.recordingConsent(requireAuth(req), req.params.id, req.params.consultId, req.body.method, meta(req))),
    );
    app.get(
      '/api/sessions/:id/recordings',
      {
        config: READ,
        schema: {
          tags,
          summary: "The session's recordings",
          params: uuidParamSchema,
          response: { 200: z.object({ items: z.array(sessionRecordingSchema) }) },
        },
      },
      async (req) => sessions.recordings(requireAuth(req), req.params.id, meta(req)),
    );
    app.get(
      '/api/sessions/:id/recordings/:recordingId/files/:fileId',
      {
        config: READ,
        schema: {
          tags,
          summary: 'One recorded file (sound mix as WAV, a site as WebM); every read is audited',
          params: z.object({ id: z.uuid(), recordingId: z.uuid(), fileId: z.uuid() }),
        },
      },
      async (req, reply) => {
        const f = await sessions.recordingFile(requireAuth(req), req.params.id, req.params.recordingId, req.params.fileId, meta(req));
        return reply
          .header('content-type', f.contentType)
          .header('content-length', f.bytes)
          .header('content-disposition', `inline; filename="recording-${req.params.fileId}.${f.kind === 'audio' ? 'wav' : 'webm'}"`)
          .header('cache-control', 'private, no-store')
          .send(f.stream);
      },
    );
    app.post(
      '/api/sessions/:id/discussed',
      {
        config: READ,
        schema: {
          tags,
          summary: 'Mark an agenda request as discussed',
          params: uuidParamSchema,
          body: agendaDiscussedSchema,
          response: { 200: sessionSchema },
        },
      },
      async (req) => sessions.discussed(requireAuth(req), req.params.id, req.body.consultId, meta(req)),
    );
  };
}
