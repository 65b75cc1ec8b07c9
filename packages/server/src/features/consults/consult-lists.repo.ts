// The lists of requests (by view, paged by keyset) and the hubs' triage queues (paged in the queue indexes' order,
// with counts): one row per request with the names a list shows, the assignees and the caller's unread count.
import type { ConsultListItem, ConsultState } from '@vuonxa/core';
import type { Queryable } from '../../db/db.js';
import { type ConsultScope, visibleSql } from './consult-access.js';

export interface ListRow {
  id: string;
  ref: string;
  state: ConsultState;
  type: ConsultListItem['type'];
  urgency: ConsultListItem['urgency'];
  specialty: ConsultListItem['specialty'];
  requesting_facility_id: string;
  requesting_facility_name: string;
  target_hub_id: string | null;
  target_hub_name: string | null;
  patient_name: string | null;
  submitted_at: Date | null;
  response_due_at: Date | null;
  outcome_due_at: Date | null;
  assignees: string[];
  updated_at: Date;
  /** `updated_at` to the microsecond, for the keyset cursor (a JS Date keeps only milliseconds). */
  cursor_at: string;
  unread: string;
}

const QUEUE_STATES = `('submitted', 'forwarded', 'in_triage')`;
/** The urgency's place in the queue, as the queue indexes spell it (migration 0010). */
const QUEUE_RANK = `CASE c.urgency WHEN 'emergency' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END`;
/** Where a page of the queue ends: the last row's rank, submission time (as PostgreSQL prints it) and id. */
export interface QueueCursor {
  rank: number;
  at: string;
  id: string;
}

// Names by primary key per row of the page, not by joins: with a join the planner may hash all 14,000 facilities
// for a queue of a few hundred and sort it again, where the queue index already gives the order (bench B4).
const LIST_SELECT = (
  me: string,
  extra = '',
) => `SELECT ${extra}c.id, c.ref, c.state, c.type, c.urgency, c.specialty, c.requesting_facility_id,
    (SELECT f.name FROM facility f WHERE f.id = c.requesting_facility_id) AS requesting_facility_name,
    c.target_hub_id, (SELECT f.name FROM facility f WHERE f.id = c.target_hub_id) AS target_hub_name,
    (SELECT pt.full_name FROM patient pt WHERE pt.id = c.patient_id) AS patient_name, c.submitted_at, c.response_due_at, c.outcome_due_at, c.updated_at, c.updated_at::text AS cursor_at,
    coalesce((SELECT array_agg(au.display_name ORDER BY au.display_name) FROM consult_assignment a JOIN app_user au ON au.id = a.user_id
              WHERE a.consult_id = c.id), '{}') AS assignees,
    (SELECT count(*) FROM consult_message m WHERE m.consult_id = c.id AND m.author_user_id <> ${me}
        AND m.created_at > coalesce((SELECT r.read_at FROM consult_read r WHERE r.consult_id = c.id AND r.user_id = ${me}), '-infinity')) AS unread
  FROM consult_request c`;

export function listItemView(r: ListRow): ConsultListItem {
  return {
    id: r.id,
    ref: r.ref,
    state: r.state,
    type: r.type,
    urgency: r.urgency,
    specialty: r.specialty,
    requestingFacility: { id: r.requesting_facility_id, name: r.requesting_facility_name },
    targetHub: r.target_hub_id ? { id: r.target_hub_id, name: r.target_hub_name ?? '' } : null,
    patientName: r.patient_name,
    submittedAt: r.submitted_at?.toISOString() ?? null,
    responseDueAt: r.response_due_at?.toISOString() ?? null,
    outcomeDueAt: r.outcome_due_at?.toISOString() ?? null,
    assignees: r.assignees,
    updatedAt: r.updated_at.toISOString(),
    unread: Number(r.unread),
  };
}

export const consultListsRepo = {
  async list(
    q: Queryable,
    scope: ConsultScope,
    o: {
      view: string;
      facilityId?: string | undefined;
      state?: ConsultState | undefined;
      cursor?: { at: string; id: string };
      limit: number;
      now: Date;
    },
  ): Promise<ListRow[]> {
    const params: unknown[] = [scope.userId];
    const me = '$1::uuid';
    const where: string[] = [visibleSql('c', scope, params)];
    const add = (sql: (n: string) => string, v: unknown) => {
      params.push(v);
      where.push(sql(`$${params.length}`));
    };
    // One facility (the usual case) as a plain equality: the planner then walks the (facility, updated_at) index in
    // order and stops at the page, where `= ANY(array)` reads and sorts every row of the facility (bench/consult).
    const inScope = (col: string, s: 'all' | string[]) =>
      s === 'all'
        ? 'TRUE'
        : s.length === 1
          ? (params.push(s[0]), `${col} = $${params.length}::uuid`)
          : (params.push(s), `${col} = ANY($${params.length}::uuid[])`);
    switch (o.view) {
      case 'requested':
        where.push(inScope('c.requesting_facility_id', scope.requester));
        break;
      case 'assigned':
        where.push(`EXISTS (SELECT 1 FROM consult_assignment a WHERE a.consult_id = c.id AND a.user_id = ${me})`);
        break;
      case 'hub':
        where.push(`c.state <> 'draft'`, inScope('c.target_hub_id', scope.hub));
        break;
      case 'outcome_overdue':
      case 'outcome_due':
        where.push(`c.state = 'concluded'`);
        add((n) => (o.view === 'outcome_overdue' ? `c.outcome_due_at < ${n}` : `c.outcome_due_at >= ${n}`), o.now);
        break;
    }
    if (o.facilityId) add((n) => `(c.requesting_facility_id = ${n}::uuid OR c.target_hub_id = ${n}::uuid)`, o.facilityId);
    if (o.state) add((n) => `c.state = ${n}`, o.state);
    if (o.cursor) {
      params.push(o.cursor.at, o.cursor.id);
      where.push(`(c.updated_at, c.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(o.limit + 1);
    const order = o.view.startsWith('outcome') ? 'c.outcome_due_at, c.id' : 'c.updated_at DESC, c.id DESC';
    const { rows } = await q.query<ListRow>(
      `${LIST_SELECT(me)} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT $${params.length}`,
      params,
    );
    return rows;
  },
  /**
   * A page of the triage queue of one hub (and specialty): emergency first, then the longest waiting, after `after`.
   * The order is the expression of the queue indexes (migration 0010): the page is a range of one, read in order.
   */
  async queue(
    q: Queryable,
    userId: string,
    o: { hubId: string; specialty?: string | undefined; after?: QueueCursor | undefined; limit: number },
  ): Promise<(ListRow & { queue_rank: number; queue_at: string })[]> {
    const params: unknown[] = [userId, o.hubId];
    const add = (v: unknown) => `$${params.push(v)}`;
    const where = [`c.target_hub_id = $2`, `c.state IN ${QUEUE_STATES}`];
    if (o.specialty) where.push(`c.specialty = ${add(o.specialty)}`);
    if (o.after)
      where.push(
        `(${QUEUE_RANK}, c.submitted_at, c.id) > (${add(o.after.rank)}::int, ${add(o.after.at)}::timestamptz, ${add(o.after.id)}::uuid)`,
      );
    const { rows } = await q.query<ListRow & { queue_rank: number; queue_at: string }>(
      `${LIST_SELECT('$1::uuid', `${QUEUE_RANK} AS queue_rank, c.submitted_at::text AS queue_at, `)} WHERE ${where.join(' AND ')}
        ORDER BY ${QUEUE_RANK}, c.submitted_at, c.id LIMIT ${add(o.limit + 1)}`,
      params,
    );
    return rows;
  },
  /** How many wait in a hub's queue (and specialty), and how many of them are past their response target. */
  async queueCounts(q: Queryable, hubId: string, specialty: string | undefined, now: Date): Promise<{ waiting: number; overdue: number }> {
    const { rows } = await q.query<{ waiting: number; overdue: number }>(
      `SELECT count(*)::int AS waiting, count(*) FILTER (WHERE c.response_due_at < $2)::int AS overdue FROM consult_request c
        WHERE c.target_hub_id = $1 AND c.state IN ${QUEUE_STATES} ${specialty ? 'AND c.specialty = $3' : ''}`,
      specialty ? [hubId, now, specialty] : [hubId, now],
    );
    return rows[0] ?? { waiting: 0, overdue: 0 };
  },
};
