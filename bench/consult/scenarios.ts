import type pg from 'pg';
import type { Principal } from '@vuonxa/core';
import type { Queryable } from '../../packages/server/src/db/db.js';
import { consultScope } from '../../packages/server/src/features/consults/consult-access.js';
import { consultListsRepo } from '../../packages/server/src/features/consults/consult-lists.repo.js';
import type { Case, Statement } from '../lookups/measure.js';
import { createRng, type Rng } from '../lib/prng.js';
import { QUEUE_STATES } from './generate.js';

export interface DbScenario {
  key: string;
  title: string;
  /** The server function measured. */
  source: string;
  cases: Case[];
  warmup: Case[];
}

/** The page size of the web app's lists (`consultListQuerySchema`'s default). */
export const PAGE = 30;
export const PK_SQL = 'SELECT * FROM consult_request WHERE id = $1';

/** Records the statements a repository function sends, answering "no rows" to each: what EXPLAIN needs. */
async function record(fn: (q: Queryable) => Promise<unknown>): Promise<Statement[]> {
  const seen: Statement[] = [];
  const q: Queryable = {
    query: async <R extends pg.QueryResultRow>(sql: string, params?: unknown[]) => {
      seen.push({ sql, params: params ?? [] });
      return { rows: [] as R[], rowCount: 0, command: 'SELECT', oid: 0, fields: [] };
    },
  };
  await fn(q).catch(() => undefined);
  return seen;
}

async function toCase(label: unknown, run: (q: Queryable) => Promise<unknown>): Promise<Case> {
  return { label: JSON.stringify(label), run, statements: await record(run) };
}

const principal = (userId: string, facilityId: string, role: 'clinician' | 'coordinator' | 'specialist'): Principal => ({
  userId,
  memberships: [{ facilityId, role }],
});

interface Pools {
  /** The hubs with the longest triage queues, with their coordinators and most queued specialties. */
  busy: { hubId: string; queued: number; coordinators: string[]; specialties: string[] }[];
  coordinators: Map<string, string[]>;
  /** Requests drawn at random (so busy sites and hubs come up as often as they have requests). */
  requests: { requester: string; spoke: string; hub: string | null }[];
  /** Assignments drawn at random: specialists come up as often as they are assigned. */
  specialists: { userId: string; hubId: string }[];
  pkIds: string[];
}

async function loadPools(q: Queryable, seed: number, want: number): Promise<Pools> {
  const busy = await q.query<{ hub_id: string; queued: string; specialties: string[] }>(
    `SELECT target_hub_id AS hub_id, count(*) AS queued,
            (array_agg(specialty ORDER BY specialty) FILTER (WHERE specialty IS NOT NULL)) AS specialties
       FROM consult_request WHERE state = ANY($1::text[]) AND target_hub_id IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 3`,
    [[...QUEUE_STATES]],
  );
  const coord = await q.query<{ facility_id: string; users: string[] }>(
    `SELECT facility_id, array_agg(user_id ORDER BY user_id) AS users FROM membership WHERE role = 'coordinator' GROUP BY 1`,
  );
  const coordinators = new Map(coord.rows.map((r) => [r.facility_id, r.users]));
  const requests = await q.query<{ requester: string; spoke: string; hub: string | null }>(
    `SELECT requester_user_id AS requester, requesting_facility_id AS spoke, target_hub_id AS hub FROM consult_request
      WHERE state <> 'draft' ORDER BY md5(id::text || $1) LIMIT $2`,
    [String(seed), want * 4],
  );
  const specialists = await q.query<{ user_id: string; hub_id: string }>(
    `SELECT a.user_id, m.facility_id AS hub_id FROM consult_assignment a JOIN membership m ON m.user_id = a.user_id AND m.role = 'specialist'
      ORDER BY md5(a.consult_id::text || a.user_id::text || $1) LIMIT $2`,
    [String(seed), want],
  );
  const pk = await q.query<{ id: string }>(`SELECT id FROM consult_request ORDER BY md5(id::text || 'pk' || $1) LIMIT $2`, [
    String(seed),
    want,
  ]);
  // The specialties most often waiting at the hub: what a coordinator filters by.
  const topSpecialties = (all: string[]) => {
    const counts = new Map<string, number>();
    for (const s of all) counts.set(s, (counts.get(s) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([s]) => s);
  };
  return {
    busy: busy.rows.map((r) => ({
      hubId: r.hub_id,
      queued: Number(r.queued),
      coordinators: coordinators.get(r.hub_id) ?? [],
      specialties: topSpecialties(r.specialties ?? []).slice(0, 5),
    })),
    coordinators,
    requests: requests.rows,
    specialists: specialists.rows.map((r) => ({ userId: r.user_id, hubId: r.hub_id })),
    pkIds: pk.rows.map((r) => r.id),
  };
}

/** `total` draws from `items` (cycling through a seeded shuffle, so every item is used before one repeats). */
function draws<T>(rng: Rng, items: readonly T[], total: number): T[] {
  if (items.length === 0) throw new Error('no inputs to draw from: is the dataset too small?');
  const order = rng.shuffle([...items]);
  return Array.from({ length: total }, (_, i) => order[i % order.length]!);
}

/**
 * The DB scenarios and the baseline, each with `n` measured inputs and `warm` warm-up inputs drawn from the data
 * with seeded streams; every scenario calls the server's repository function, so it follows its SQL as it changes.
 */
export async function buildScenarios(q: Queryable, seed: number, n: number, warm: number, now: Date) {
  const total = n + warm;
  const pools = await loadPools(q, seed, total);
  const rng = (name: string) => createRng(seed, `consult-${name}`);
  const split = (cases: Case[]) => ({ warmup: cases.slice(0, warm), cases: cases.slice(warm) });
  const coordinatorOf = (r: Rng, hubId: string) => r.pick(pools.coordinators.get(hubId) ?? ['00000000-0000-0000-0000-000000000000']);
  const list = (
    view: string,
    userId: string,
    facilityId: string,
    role: 'clinician' | 'coordinator' | 'specialist',
    cursor?: { at: string; id: string },
  ) =>
    toCase({ view, userId, facilityId, ...(cursor ? { cursor } : {}) }, (db) =>
      consultListsRepo.list(db, consultScope(userId, principal(userId, facilityId, role)), {
        view,
        limit: PAGE,
        now,
        ...(cursor ? { cursor } : {}),
      }),
    );

  const queueRng = rng('queue');
  const queue = await Promise.all(
    draws(queueRng, pools.busy, total).map((h) => {
      const userId = queueRng.pick(h.coordinators);
      return toCase({ hubId: h.hubId, userId }, (db) => consultListsRepo.queue(db, userId, { hubId: h.hubId, limit: 50 }));
    }),
  );
  const specRng = rng('queue-specialty');
  const queueSpecialty = await Promise.all(
    draws(specRng, pools.busy, total).map((h) => {
      const userId = specRng.pick(h.coordinators);
      const specialty = specRng.pick(h.specialties);
      return toCase({ hubId: h.hubId, userId, specialty }, (db) =>
        consultListsRepo.queue(db, userId, { hubId: h.hubId, specialty, limit: 50 }),
      );
    }),
  );
  const requested = await Promise.all(
    draws(rng('requested'), pools.requests, total).map((r) => list('requested', r.requester, r.spoke, 'clinician')),
  );
  // Second pages: the first page is fetched once here, and its last row gives the cursor, as the service builds it.
  const secondPages: Case[] = [];
  for (const r of draws(rng('requested-2'), pools.requests, pools.requests.length)) {
    if (secondPages.length >= total) break;
    const scope = consultScope(r.requester, principal(r.requester, r.spoke, 'clinician'));
    const first = await consultListsRepo.list(q, scope, { view: 'requested', limit: PAGE, now });
    const last = first[PAGE - 1];
    if (first.length <= PAGE || !last) continue;
    secondPages.push(await list('requested', r.requester, r.spoke, 'clinician', { at: last.updated_at.toISOString(), id: last.id }));
  }
  const hubRng = rng('hub');
  const withHub = pools.requests.filter((r) => r.hub !== null);
  const hub = await Promise.all(
    draws(hubRng, withHub, total).map((r) => list('hub', coordinatorOf(hubRng, r.hub!), r.hub!, 'coordinator')),
  );
  const assigned = await Promise.all(
    draws(rng('assigned'), pools.specialists, total).map((s) => list('assigned', s.userId, s.hubId, 'specialist')),
  );
  const overdueRng = rng('overdue');
  const overdue = await Promise.all(
    draws(overdueRng, withHub, total).map((r) => list('outcome_overdue', coordinatorOf(overdueRng, r.hub!), r.hub!, 'coordinator')),
  );

  const scenarios: DbScenario[] = [
    { key: 'queue', title: 'Triage queue of a busy hub', source: 'consultListsRepo.queue', ...split(queue) },
    {
      key: 'queue_specialty',
      title: 'Triage queue of a busy hub, one specialty',
      source: 'consultListsRepo.queue',
      ...split(queueSpecialty),
    },
    {
      key: 'requested_p1',
      title: 'Requested list of a spoke clinician, first page',
      source: 'consultListsRepo.list requested',
      ...split(requested),
    },
    {
      key: 'requested_p2',
      title: 'Requested list of a spoke clinician, second page (cursor)',
      source: 'consultListsRepo.list requested',
      ...split(secondPages),
    },
    { key: 'hub', title: 'Hub list of a coordinator', source: 'consultListsRepo.list hub', ...split(hub) },
    { key: 'assigned', title: 'Assigned list of a specialist', source: 'consultListsRepo.list assigned', ...split(assigned) },
    {
      key: 'outcome_overdue',
      title: 'Outcome overdue, hub coordinator',
      source: 'consultListsRepo.list outcome_overdue',
      ...split(overdue),
    },
  ];
  const pkCase = (id: string): Case => ({ label: id, run: (db) => db.query(PK_SQL, [id]), statements: [{ sql: PK_SQL, params: [id] }] });
  const pkIds = draws(rng('pk'), pools.pkIds, total * 2);
  // Two sets of baseline inputs: one measured before the scenarios, one after.
  const baseline = {
    before: split(pkIds.slice(0, total).map(pkCase)),
    after: split(pkIds.slice(total).map(pkCase)),
  };
  return { scenarios, baseline, busy: pools.busy.map((b) => ({ hubId: b.hubId, queued: b.queued })) };
}
