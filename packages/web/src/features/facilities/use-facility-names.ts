import { useEffect, useState } from 'react';
import { facilitySummarySchema } from '@vuonxa/core';
import { api } from '../../api/client';

// Facility names change rarely; one lookup per id per page load is enough.
const cache = new Map<string, Promise<string | null>>();

function lookup(id: string): Promise<string | null> {
  let pending = cache.get(id);
  if (!pending) {
    pending = api.get(`/api/facilities/${encodeURIComponent(id)}`, facilitySummarySchema).then(
      (f) => f.name,
      () => null,
    );
    cache.set(id, pending);
  }
  return pending;
}

/**
 * Names for facility ids that lists carry without names (user roles, audit events). Ids the caller already
 * knows (`known`) are not looked up; the rest are read once from `GET /api/facilities/:id`.
 *
 * @example
 * const names = useFacilityNames(users.flatMap((u) => u.roles.map((r) => r.facilityId)), own);
 */
export function useFacilityNames(
  ids: readonly (string | null)[],
  known: ReadonlyMap<string, string>,
  enabled: boolean,
): ReadonlyMap<string, string> {
  const [found, setFound] = useState<ReadonlyMap<string, string>>(new Map());
  const missing = [...new Set(ids)].filter((id): id is string => id !== null && !known.has(id)).sort();
  const key = enabled ? missing.join(',') : '';

  useEffect(() => {
    if (!key) return;
    let live = true;
    void Promise.all(key.split(',').map(async (id) => [id, await lookup(id)] as const)).then((pairs) => {
      if (!live) return;
      setFound((prev) => {
        const next = new Map(prev);
        for (const [id, name] of pairs) if (name) next.set(id, name);
        return next;
      });
    });
    return () => {
      live = false;
    };
  }, [key]);

  return new Map([...found, ...known]);
}
