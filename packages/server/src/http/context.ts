import type { FastifyRequest } from 'fastify';
import { AppError, can, type Locale, type Permission, type Principal, type Role } from '@vuonxa/core';

export type MfaState = 'complete' | 'totp_pending' | 'enrol_required';

/** The signed-in caller, resolved once per request from the session cookie. */
export interface AuthContext {
  sessionId: string;
  mfaState: MfaState;
  activeFacilityId: string | null;
  user: {
    id: string;
    displayName: string;
    email: string | null;
    phone: string | null;
    locale: Locale;
    totpEnabled: boolean;
  };
  principal: Principal;
}

/** Who is acting, for which facility, from where: stamped on every audit event. */
export interface RequestMeta {
  requestId: string;
  ip: string | null;
  actorUserId: string | null;
  actingFacilityId: string | null;
}

/**
 * How a route is reached. `public`: anyone. `session`: a signed-in user whose session is in one of
 * `states` (default: two-factor complete) and who holds `permission` somewhere (the service then checks the
 * facility). Routes under /api without an `access` config are treated as `{ kind: 'session' }`.
 */
export type Access = { kind: 'public' } | { kind: 'session'; states?: readonly MfaState[]; permission?: Permission };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    auth: AuthContext | null;
  }
}

export function meta(req: FastifyRequest): RequestMeta {
  return {
    requestId: req.id,
    ip: req.ip || null,
    actorUserId: req.auth?.user.id ?? null,
    actingFacilityId: req.auth?.activeFacilityId ?? null,
  };
}

/** The authenticated caller; throws AUTH_REQUIRED when the route forgot its access rule. */
export function requireAuth(req: FastifyRequest): AuthContext {
  if (!req.auth) throw new AppError('AUTH_REQUIRED');
  return req.auth;
}

/**
 * Throws FORBIDDEN unless the caller may do `permission` at `facilityId` (or anywhere when omitted).
 *
 * @example
 * assertCan(auth.principal, 'user.manage', body.facilityId);
 */
export function assertCan(principal: Principal, permission: Permission, facilityId?: string | null): void {
  if (!can(principal, permission, facilityId)) {
    throw new AppError('FORBIDDEN', { details: { permission, ...(facilityId ? { facilityId } : {}) } });
  }
}

export function rolesOf(principal: Principal): Role[] {
  return [...new Set(principal.memberships.map((m) => m.role))];
}
