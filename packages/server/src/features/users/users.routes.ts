import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createUserRequestSchema,
  grantRequestSchema,
  pageSchema,
  userListQuerySchema,
  userSummarySchema,
  uuidParamSchema,
} from '@vuonxa/core';
import { meta, requireAuth } from '../../http/context.js';
import type { UsersService } from './users.service.js';

export function usersRoutes(deps: { users: UsersService }): FastifyPluginAsyncZod {
  const { users } = deps;
  return async (app) => {
    app.get(
      '/api/admin/users',
      {
        config: { access: { kind: 'session', permission: 'user.read' } },
        schema: {
          tags: ['users'],
          summary: 'Staff of the facilities I administer',
          querystring: userListQuerySchema,
          response: { 200: pageSchema(userSummarySchema) },
        },
      },
      async (req) => users.list(requireAuth(req), req.query, meta(req)),
    );
    app.get(
      '/api/admin/users/:id',
      {
        config: { access: { kind: 'session', permission: 'user.read' } },
        schema: { tags: ['users'], summary: 'One staff account', params: uuidParamSchema, response: { 200: userSummarySchema } },
      },
      async (req) => users.get(requireAuth(req), req.params.id, meta(req)),
    );
    app.post(
      '/api/admin/users',
      {
        config: { access: { kind: 'session', permission: 'user.manage' } },
        schema: {
          tags: ['users'],
          summary: 'Create a staff account with its first role',
          body: createUserRequestSchema,
          response: { 201: userSummarySchema },
        },
      },
      async (req, reply) => reply.status(201).send(await users.create(requireAuth(req), req.body, meta(req))),
    );
    app.post(
      '/api/admin/users/:id/grants',
      {
        config: { access: { kind: 'session', permission: 'membership.grant' } },
        schema: {
          tags: ['users'],
          summary: 'Grant a role at a facility',
          params: uuidParamSchema,
          body: grantRequestSchema,
          response: { 200: userSummarySchema },
        },
      },
      async (req) => users.grant(requireAuth(req), req.params.id, req.body, meta(req)),
    );
    app.post(
      '/api/admin/users/:id/revocations',
      {
        config: { access: { kind: 'session', permission: 'membership.grant' } },
        schema: {
          tags: ['users'],
          summary: 'Revoke a role at a facility',
          params: uuidParamSchema,
          body: grantRequestSchema,
          response: { 200: userSummarySchema },
        },
      },
      async (req) => users.revoke(requireAuth(req), req.params.id, req.body, meta(req)),
    );
    app.post(
      '/api/admin/users/:id/unlock',
      {
        config: { access: { kind: 'session', permission: 'user.manage' } },
        schema: {
          tags: ['users'],
          summary: 'Unlock an account locked after failed sign-ins',
          params: uuidParamSchema,
          response: { 200: userSummarySchema },
        },
      },
      async (req) => users.unlock(requireAuth(req), req.params.id, meta(req)),
    );
  };
}
