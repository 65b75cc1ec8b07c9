import type { Db } from '../db/db.js';
import { authRepo } from '../features/auth/auth.repo.js';
import { hashToken } from '../lib/tokens.js';
import type { AuthContext } from './context.js';

export const SESSION_COOKIE = 'vx_session';
// Writing last_seen_at on every request would turn every read into a write; a minute is precise enough.
const TOUCH_AFTER_MS = 60_000;

export type SessionResolver = (token: string) => Promise<AuthContext | null>;

/**
 * Resolves a cookie token into the caller's context: user, memberships and the facility they act for.
 * Returns null for an unknown, revoked, expired or idle session, or a disabled user.
 */
export function createSessionResolver(deps: { db: Db; idleMinutes: number }): SessionResolver {
  const { db, idleMinutes } = deps;
  return async (token) => {
    if (!/^[\w-]{43}$/.test(token)) return null;
    const live = await authRepo.findLiveSession(db, hashToken(token), idleMinutes);
    if (!live?.user.active) return null;
    const { session, user, memberships } = live;
    if (Date.now() - session.last_seen_at.getTime() > TOUCH_AFTER_MS) await authRepo.touchSession(db, session.id);
    const facilityIds = memberships.map((m) => m.facilityId).filter((f): f is string => f !== null);
    const active =
      session.active_facility_id && facilityIds.includes(session.active_facility_id)
        ? session.active_facility_id
        : (facilityIds[0] ?? null);
    return {
      sessionId: session.id,
      mfaState: session.mfa_state,
      activeFacilityId: active,
      user: {
        id: user.id,
        displayName: user.display_name,
        email: user.email,
        phone: user.phone,
        locale: user.locale,
        totpEnabled: user.totp_enabled,
      },
      principal: { userId: user.id, memberships },
    };
  };
}
