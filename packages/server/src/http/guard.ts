import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler, RouteOptions } from 'fastify';
import { AppError, can } from '@vuonxa/core';
import type { AuditService } from '../features/audit/audit.service.js';
import { meta, type Access, type MfaState } from './context.js';
import { SESSION_COOKIE, type SessionResolver } from './session.js';

const DEFAULT_API: Access = { kind: 'session' };
const COMPLETE: readonly MfaState[] = ['complete'];

/** The session token of the request's cookie header, if any (the only cookie the server reads). */
function sessionToken(app: FastifyInstance, req: FastifyRequest): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  const cookies = app.parseCookie(header);
  req.cookies = cookies;
  return cookies[SESSION_COOKIE];
}

/**
 * Authenticates every request before its body is parsed, and enforces the route's access rule. Secure by
 * default: an /api route that forgets its rule requires a fully signed-in session.
 *
 * The rule is decided once per route, when the route is added (the `onRoute` hook, which must therefore be
 * registered before the routes): routes that need a session get the guard as a route hook, public ones (health,
 * metrics, static files) run no guard at all. Unmatched URLs fall through to the 404 handler: nothing to guard,
 * nothing to reveal.
 */
export function registerGuard(app: FastifyInstance, deps: { sessions: SessionResolver; audit: AuditService }): void {
  app.decorateRequest('auth', null);
  app.addHook('onRoute', (route: RouteOptions) => {
    // The default is decided by the route (ours live under /api), not by the URL: the static-file route '/*' also
    // matches /api/unknown, which must stay a 404.
    const access = route.config?.access ?? (route.url.startsWith('/api/') ? DEFAULT_API : null);
    if (!access || access.kind === 'public') return;
    const states = access.states ?? COMPLETE;
    const permission = access.permission;
    const guard: onRequestAsyncHookHandler = async function guard(req) {
      const token = sessionToken(app, req);
      req.auth = token ? await deps.sessions(token) : null;
      if (!req.auth) throw new AppError('AUTH_REQUIRED');
      if (!states.includes(req.auth.mfaState)) {
        throw new AppError(req.auth.mfaState === 'totp_pending' ? 'AUTH_TOTP_REQUIRED' : 'AUTH_TOTP_ENROLMENT_REQUIRED');
      }
      if (permission && !can(req.auth.principal, permission)) {
        await deps.audit.record(meta(req), {
          action: 'access.denied',
          outcome: 'denied',
          details: { permission, route: route.url, method: req.method },
        });
        throw new AppError('FORBIDDEN', { details: { permission } });
      }
    };
    // First of the route's own hooks, as when it was a global hook.
    const own = route.onRequest;
    route.onRequest = own === undefined ? [guard] : [guard, ...(Array.isArray(own) ? own : [own])];
  });
}
