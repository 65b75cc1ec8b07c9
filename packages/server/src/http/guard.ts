import type { FastifyInstance } from 'fastify';
import { AppError, can } from '@vuonxa/core';
import type { AuditService } from '../features/audit/audit.service.js';
import { meta, type Access } from './context.js';
import { SESSION_COOKIE, type SessionResolver } from './session.js';

const DEFAULT_API: Access = { kind: 'session' };

/**
 * Authenticates every request before its body is parsed, and enforces the route's access rule. Secure by
 * default: an /api route that forgets its rule requires a fully signed-in session.
 */
export function registerGuard(app: FastifyInstance, deps: { sessions: SessionResolver; audit: AuditService }): void {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (req) => {
    // Unmatched URLs fall through to the 404 handler: nothing to guard, nothing to reveal.
    if (req.routeOptions.url === undefined) return;
    // The default is decided by the matched route (ours live under /api), not by the URL: the static-file
    // route '/*' also matches /api/unknown, which must stay a 404.
    const access = req.routeOptions.config.access ?? (req.routeOptions.url.startsWith('/api/') ? DEFAULT_API : { kind: 'public' as const });
    if (access.kind === 'public') return;
    const token = req.cookies[SESSION_COOKIE];
    req.auth = token ? await deps.sessions(token) : null;
    if (!req.auth) throw new AppError('AUTH_REQUIRED');
    const states = access.states ?? ['complete'];
    if (!states.includes(req.auth.mfaState)) {
      throw new AppError(req.auth.mfaState === 'totp_pending' ? 'AUTH_TOTP_REQUIRED' : 'AUTH_TOTP_ENROLMENT_REQUIRED');
    }
    if (access.permission && !can(req.auth.principal, access.permission)) {
      await deps.audit.record(meta(req), {
        action: 'access.denied',
        outcome: 'denied',
        details: { permission: access.permission, route: req.routeOptions.url ?? '', method: req.method },
      });
      throw new AppError('FORBIDDEN', { details: { permission: access.permission } });
    }
  });
}
