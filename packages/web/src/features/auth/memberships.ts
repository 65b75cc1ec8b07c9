import { ROLE_RULES } from '@vuonxa/core';
import type { Me, Principal, Role } from '@vuonxa/core';

/** The `Principal` of core's permission rules, built from `GET /api/me`. */
export function principalOf(me: Me): Principal {
  return { userId: me.user.id, memberships: me.memberships.map(({ facilityId, role }) => ({ facilityId, role })) };
}

export interface FacilityChoice {
  facilityId: string | null;
  name: string | null;
  code: string | null;
  roles: Role[];
}

/**
 * The places the user can act for, one entry per facility with the roles held there; a network-wide
 * role (held with no facility) is its own entry.
 */
export function facilitiesOf(me: Me): FacilityChoice[] {
  const byId = new Map<string | null, FacilityChoice>();
  for (const m of me.memberships) {
    const entry = byId.get(m.facilityId) ?? { facilityId: m.facilityId, name: m.facilityName, code: m.facilityCode, roles: [] };
    if (!entry.roles.includes(m.role)) entry.roles.push(m.role);
    byId.set(m.facilityId, entry);
  }
  return [...byId.values()];
}

/** The roles that apply at the active facility: those held there plus network-wide ones. */
export function activeRoles(me: Me): Role[] {
  const roles = new Set<Role>();
  for (const m of me.memberships) {
    if (m.facilityId === me.activeFacilityId || ROLE_RULES[m.role].scope === 'global') roles.add(m.role);
  }
  return [...roles];
}

/** The entry of the active facility, if the user has one. */
export function activeFacility(me: Me): FacilityChoice | undefined {
  return facilitiesOf(me).find((f) => f.facilityId === me.activeFacilityId);
}
