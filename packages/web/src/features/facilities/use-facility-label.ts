import { useMemo } from 'react';
import { useT } from '../../i18n/use-t';
import { facilitiesOf } from '../auth/memberships';
import { useMe } from '../auth/use-session';
import { useFacilityNames } from './use-facility-names';

/**
 * A labeller for the facility ids shown on a screen: "Whole network" for none, the user's own facilities by
 * name, others looked up in the directory (when the user may read it), else the start of the id.
 *
 * @example
 * const facilityLabel = useFacilityLabel(user.roles.map((r) => r.facilityId));
 * facilityLabel(null); // 'Toàn mạng lưới'
 */
export function useFacilityLabel(ids: readonly (string | null)[]): (facilityId: string | null) => string {
  const t = useT();
  const me = useMe();
  const known = useMemo(
    () => new Map(facilitiesOf(me).flatMap((f) => (f.facilityId && (f.name ?? f.code) ? [[f.facilityId, f.name ?? f.code ?? '']] : []))),
    [me],
  );
  const names = useFacilityNames(ids, known, me.permissions.includes('facility.read'));
  return (facilityId) => {
    if (facilityId === null) return t('facility.network');
    return names.get(facilityId) ?? `${facilityId.slice(0, 8)}…`;
  };
}
