import { can, scopeOf } from '@vuonxa/core';
import type { Permission } from '@vuonxa/core';
import { useMemo } from 'react';
import { principalOf } from './memberships';
import { useMe } from './use-session';

export interface Rights {
  /** Whether the user may do `permission` at `facilityId` (core's `can`, the server's own rule). */
  at: (permission: Permission, facilityId: string) => boolean;
  /** Where the user may do `permission`: 'all' network-wide, else their facilities (possibly none). */
  scope: (permission: Permission) => 'all' | string[];
  /** Whether the user may do `permission` somewhere. */
  anywhere: (permission: Permission) => boolean;
}

/**
 * Per-facility rights for pages about a facility other than the active one: `me.permissions` only says what
 * the user may do at the active facility, the memberships say where else.
 *
 * @example
 * const rights = useRights();
 * rights.at('facility.manage', facility.id) && <Button>Edit</Button>;
 */
export function useRights(): Rights {
  const me = useMe();
  return useMemo(() => {
    const principal = principalOf(me);
    return {
      at: (permission, facilityId) => can(principal, permission, facilityId),
      scope: (permission) => scopeOf(principal, permission),
      anywhere: (permission) => {
        const scope = scopeOf(principal, permission);
        return scope === 'all' || scope.length > 0;
      },
    };
  }, [me]);
}
