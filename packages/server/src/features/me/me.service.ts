import { AppError, permissionsAt, type Locale, type Me, type MembershipView, type Role } from '@vuonxa/core';
import type { Db } from '../../db/db.js';
import type { AuthContext } from '../../http/context.js';
import { authRepo } from '../auth/auth.repo.js';
import { totpRequiredFor } from '../auth/auth.service.js';

/** The signed-in user's own view: profile, memberships, where they act and what they may do there. */
export function createMeService(deps: { db: Db; totpRequiredRoles: readonly Role[] }) {
  const { db } = deps;
  return {
    view(auth: AuthContext): Me {
      const memberships = auth.principal.memberships as readonly (MembershipView & { facilityId: string | null })[];
      return {
        user: auth.user,
        memberships: memberships.map((m) => ({
          facilityId: m.facilityId,
          facilityCode: m.facilityCode ?? null,
          facilityName: m.facilityName ?? null,
          role: m.role,
        })),
        activeFacilityId: auth.activeFacilityId,
        permissions: permissionsAt(auth.principal, auth.activeFacilityId),
        mfa: {
          required: totpRequiredFor(
            memberships.map((m) => m.role),
            deps.totpRequiredRoles,
          ),
          enrolled: auth.user.totpEnabled,
        },
      };
    },

    /** Switches the facility the user acts for; only one where they hold a role. */
    async switchFacility(auth: AuthContext, facilityId: string | null): Promise<AuthContext> {
      if (facilityId !== null && !auth.principal.memberships.some((m) => m.facilityId === facilityId)) {
        throw new AppError('FORBIDDEN', { details: { facilityId } });
      }
      await authRepo.updateSession(db, auth.sessionId, { activeFacilityId: facilityId });
      return { ...auth, activeFacilityId: facilityId };
    },

    async setLocale(auth: AuthContext, locale: Locale): Promise<AuthContext> {
      await authRepo.setLocale(db, auth.user.id, locale);
      return { ...auth, user: { ...auth.user, locale } };
    },
  };
}
export type MeService = ReturnType<typeof createMeService>;
