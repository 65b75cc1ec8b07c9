import { ROLES, canGrantRole, scopeOf } from '@vuonxa/core';
import type { Me, Permission, Role } from '@vuonxa/core';
import type { Translator } from '../../i18n/i18n';
import { facilitiesOf, principalOf } from '../auth/memberships';
import type { FacilityOption } from '../facilities/FacilitySelect';

/** The select value standing for "no facility" (a network-wide role): '' already means "not chosen". */
export const NETWORK_VALUE = 'network';

/** The facility id a select value stands for. */
export function facilityIdOf(value: string): string | null {
  return value === NETWORK_VALUE || value === '' ? null : value;
}

/**
 * The facilities the user holds `permission` at, among their own memberships, and whether the grant is
 * network-wide (then any facility of the directory can be searched).
 */
export function facilitiesWith(me: Me, permission: Permission): { options: FacilityOption[]; everywhere: boolean } {
  const scope = scopeOf(principalOf(me), permission);
  const options = facilitiesOf(me).flatMap((f) =>
    f.facilityId !== null && (scope === 'all' || scope.includes(f.facilityId))
      ? [{ value: f.facilityId, label: f.name ?? f.code ?? f.facilityId }]
      : [],
  );
  return { options, everywhere: scope === 'all' };
}

/**
 * Where the user may hand out roles (`membership.grant`): their own facilities, any facility for a network-wide
 * grant, and "whole network" for a system admin (the only one who may grant a role with no facility).
 */
export function grantableFacilities(me: Me, t: Translator): { options: FacilityOption[]; everywhere: boolean } {
  const { options, everywhere } = facilitiesWith(me, 'membership.grant');
  const network = canGrantRole(principalOf(me), 'system_admin', null);
  return { options: network ? [{ value: NETWORK_VALUE, label: t('facility.network') }, ...options] : options, everywhere };
}

/** The roles the user may grant at one facility (core's `canGrantRole`). */
export function grantableRoles(me: Me, facilityId: string | null): Role[] {
  const principal = principalOf(me);
  // A role held network-wide only makes sense for system admins; the other roles need a facility.
  return ROLES.filter((r) => canGrantRole(principal, r, facilityId) && (facilityId !== null) === (r !== 'system_admin'));
}
