import { can, scopeOf, type ConsultState, type Principal } from '@vuonxa/core';
import { prepared, type Queryable } from '../../db/db.js';

export type ConsultRole = 'requester' | 'hub' | 'specialist' | 'participant';

/** The facilities and person a caller acts as, for consultation queries. */
export interface ConsultScope {
  userId: string;
  requester: 'all' | string[];
  hub: 'all' | string[];
  /** Facilities whose staff join sessions as invited sites. */
  site: 'all' | string[];
}

export function consultScope(userId: string, p: Principal): ConsultScope {
  const site = new Set<string>();
  for (const perm of ['consult.create', 'session.operate'] as const) {
    const s = scopeOf(p, perm);
    if (s !== 'all') s.forEach((id) => site.add(id));
  }
  return { userId, requester: scopeOf(p, 'consult.create'), hub: scopeOf(p, 'consult.triage'), site: [...site] };
}

const anyOf = (scope: 'all' | string[], column: string, params: unknown[]): string => {
  if (scope === 'all') return 'TRUE';
  if (scope.length === 0) return 'FALSE';
  params.push(scope);
  return `${column} = ANY($${params.length}::uuid[])`;
};

/**
 * SQL predicate: the request `alias` is visible to the caller. Those with a part in it: the requesting facility's
 * clinicians, the target hub's coordinators (never drafts), assigned specialists, and the chair, secretary and
 * invitees of a live session that discusses it. Nobody else, administrators included.
 */
export function visibleSql(alias: string, s: ConsultScope, params: unknown[]): string {
  params.push(s.userId);
  const me = `$${params.length}::uuid`;
  const siteCond = anyOf(s.site, 'i.facility_id', params);
  return `(${anyOf(s.requester, `${alias}.requesting_facility_id`, params)}
    OR (${alias}.state <> 'draft' AND ${anyOf(s.hub, `${alias}.target_hub_id`, params)})
    OR EXISTS (SELECT 1 FROM consult_assignment a WHERE a.consult_id = ${alias}.id AND a.user_id = ${me})
    OR EXISTS (SELECT 1 FROM session_agenda sa JOIN consult_session s ON s.id = sa.session_id
               WHERE sa.consult_id = ${alias}.id AND s.state <> 'cancelled'
                 AND (s.chair_user_id = ${me} OR s.secretary_user_id = ${me}
                      OR EXISTS (SELECT 1 FROM session_invite i WHERE i.session_id = s.id AND (i.user_id = ${me} OR ${siteCond})))))`;
}

/**
 * SQL: two boolean columns, `specialist` (assigned, or chair, secretary or invitee of a live session that discusses
 * the request) and `participant` (one of the caller's facilities is invited to such a session), for the request
 * `consult`, the user `user` and the facilities `sites` (uuid[]), all SQL expressions.
 */
export function partSql(consult: string, user: string, sites: string): string {
  return `EXISTS (SELECT 1 FROM consult_assignment WHERE consult_id = ${consult} AND user_id = ${user})
         OR EXISTS (SELECT 1 FROM session_agenda sa JOIN consult_session s ON s.id = sa.session_id
                    WHERE sa.consult_id = ${consult} AND s.state <> 'cancelled'
                      AND (s.chair_user_id = ${user} OR s.secretary_user_id = ${user}
                           OR EXISTS (SELECT 1 FROM session_invite i WHERE i.session_id = s.id AND i.user_id = ${user}))) AS specialist,
            EXISTS (SELECT 1 FROM session_agenda sa JOIN consult_session s ON s.id = sa.session_id
                    JOIN session_invite i ON i.session_id = s.id
                    WHERE sa.consult_id = ${consult} AND s.state <> 'cancelled' AND i.facility_id = ANY(${sites})) AS participant`;
}

/** The value for `partSql`'s `sites`: the facilities whose staff join sessions as invited sites. */
export function partSites(userId: string, principal: Principal): string[] {
  const site = consultScope(userId, principal).site;
  return site === 'all' ? [] : site;
}

/** The caller's roles from their memberships and the flags of `partSql` (empty: no access). */
export function rolesFrom(
  principal: Principal,
  c: { state: ConsultState; requesting_facility_id: string; target_hub_id: string | null },
  part: { specialist: boolean; participant: boolean } | undefined,
): ConsultRole[] {
  const roles: ConsultRole[] = [];
  if (can(principal, 'consult.create', c.requesting_facility_id)) roles.push('requester');
  if (c.state !== 'draft' && c.target_hub_id && can(principal, 'consult.triage', c.target_hub_id)) roles.push('hub');
  if (part?.specialist) roles.push('specialist');
  if (part?.participant && roles.length === 0) roles.push('participant');
  return roles;
}

const PART = prepared(`SELECT ${partSql('$1', '$2', '$3::uuid[]')}`);

/** How the caller relates to one request (empty: no access). */
export async function rolesOn(
  q: Queryable,
  principal: Principal,
  userId: string,
  c: { id: string; state: ConsultState; requesting_facility_id: string; target_hub_id: string | null },
): Promise<ConsultRole[]> {
  const { rows } = await q.query<{ specialist: boolean; participant: boolean }>(PART, [c.id, userId, partSites(userId, principal)]);
  return rolesFrom(principal, c, rows[0]);
}
