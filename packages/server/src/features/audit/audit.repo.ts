import type { AuditAction, AuditEventView, AuditOutcome, AuditQuery } from '@vuonxa/core';
import { prepared, type Queryable } from '../../db/db.js';
import type { RequestMeta } from '../../http/context.js';

export interface AuditEntry {
  action: AuditAction;
  outcome: AuditOutcome;
  entityType?: string;
  entityId?: string | null;
  /** The facility whose data the event concerns, so that facility's admins can see it. */
  subjectFacilityId?: string | null;
  /** Identifiers and codes only: never names, contact details, clinical text, tokens or request bodies. */
  details?: Record<string, string | number | boolean | null>;
}

export interface AuditRepo {
  insert(q: Queryable, m: RequestMeta, e: AuditEntry): Promise<void>;
  /** Several events of one request in one statement (in this order: ids ascending), all or none. */
  insertAll(q: Queryable, m: RequestMeta, entries: readonly AuditEntry[]): Promise<void>;
  search(q: Queryable, query: AuditQuery, scope: 'all' | string[]): Promise<{ items: AuditEventView[]; nextCursor: string | null }>;
}

interface Row {
  id: string;
  at: Date;
  actor_user_id: string | null;
  actor_name: string | null;
  acting_facility_id: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  outcome: AuditOutcome;
  ip: string | null;
  request_id: string | null;
  details: Record<string, unknown>;
}

const COLUMNS = `actor_user_id, acting_facility_id, subject_facility_id, action, entity_type, entity_id, outcome, ip, request_id, details`;
const TYPES = ['uuid', 'uuid', 'uuid', 'text', 'text', 'text', 'text', 'inet', 'text', 'jsonb'] as const;

/** The values of one audit row, in the order of `auditPlaceholders`. */
export const auditValues = (m: RequestMeta, e: AuditEntry): unknown[] => [
  m.actorUserId,
  m.actingFacilityId,
  e.subjectFacilityId ?? null,
  e.action,
  e.entityType ?? null,
  e.entityId ?? null,
  e.outcome,
  m.ip,
  m.requestId,
  JSON.stringify(e.details ?? {}),
];

/** `$first::uuid, …`: the placeholders of one row whose `auditValues` are parameters `first` to `first + 9`. */
const placeholders = (first: number) => TYPES.map((t, i) => `$${first + i}::${t}`).join(', ');

/**
 * SQL writing one audit row (its `auditValues` as parameters `first` to `first + 9`) when `from` (an SQL FROM item,
 * e.g. a data-modifying CTE) yields a row: for a statement that records an event together with what the event is
 * about, both written or neither.
 *
 * @example
 * const sql = `WITH ins AS (INSERT … RETURNING id), au AS (${auditInsertFrom(3, 'ins')}) SELECT …`;
 * await q.query(sql, [a, b, ...auditValues(m, entry)]);
 */
export function auditInsertFrom(first: number, from: string): string {
  return `INSERT INTO audit_event (${COLUMNS}) SELECT ${placeholders(first)} FROM ${from}`;
}

const INSERT = prepared(`INSERT INTO audit_event (${COLUMNS}) VALUES (${placeholders(1)})`);
// n rows → the statement, made once per n.
const inserts = new Map<number, string>();
const insertOf = (n: number): string => {
  let sql = inserts.get(n);
  if (!sql) {
    const rows = Array.from({ length: n }, (_, i) => `(${placeholders(1 + i * TYPES.length)})`);
    inserts.set(n, (sql = prepared(`INSERT INTO audit_event (${COLUMNS}) VALUES ${rows.join(', ')}`)));
  }
  return sql;
};

export function createAuditRepo(): AuditRepo {
  const insert: AuditRepo['insert'] = async (q, m, e) => {
    await q.query(INSERT, auditValues(m, e));
  };
  return {
    insert,

    async insertAll(q, m, entries) {
      if (entries.length === 0) return;
      if (entries.length === 1) return insert(q, m, entries[0]!);
      await q.query(
        insertOf(entries.length),
        entries.flatMap((e) => auditValues(m, e)),
      );
    },

    async search(q, query, scope) {
      const where: string[] = [];
      const params: unknown[] = [];
      const add = (sql: string, v: unknown) => {
        params.push(v);
        where.push(sql.replace('?', `$${params.length}`));
      };
      if (scope !== 'all') {
        params.push(scope);
        where.push(`(e.acting_facility_id = ANY($${params.length}::uuid[]) OR e.subject_facility_id = ANY($${params.length}::uuid[]))`);
      }
      if (query.actorUserId) add('e.actor_user_id = ?', query.actorUserId);
      if (query.action) add('e.action = ?', query.action);
      if (query.entityType) add('e.entity_type = ?', query.entityType);
      if (query.entityId) add('e.entity_id = ?', query.entityId);
      if (query.outcome) add('e.outcome = ?', query.outcome);
      if (query.facilityId) {
        params.push(query.facilityId);
        where.push(`(e.acting_facility_id = $${params.length} OR e.subject_facility_id = $${params.length})`);
      }
      if (query.from) add('e.at >= ?', query.from);
      if (query.to) add('e.at <= ?', query.to);
      if (query.cursor) {
        if (!/^\d+$/.test(query.cursor)) return { items: [], nextCursor: null };
        add('e.id < ?', query.cursor);
      }
      params.push(query.limit + 1);
      // Keyset on id (monotonic with insertion), newest first.
      const { rows } = await q.query<Row>(
        `SELECT e.id, e.at, e.actor_user_id, u.display_name AS actor_name, e.acting_facility_id, e.action,
                e.entity_type, e.entity_id, e.outcome, host(e.ip) AS ip, e.request_id, e.details
           FROM audit_event e LEFT JOIN app_user u ON u.id = e.actor_user_id
          ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
          ORDER BY e.id DESC
          LIMIT $${params.length}`,
        params,
      );
      const page = rows.slice(0, query.limit);
      return {
        items: page.map((r) => ({
          id: r.id,
          at: r.at.toISOString(),
          actorUserId: r.actor_user_id,
          actorName: r.actor_name,
          actingFacilityId: r.acting_facility_id,
          action: r.action,
          entityType: r.entity_type,
          entityId: r.entity_id,
          outcome: r.outcome,
          ip: r.ip,
          requestId: r.request_id,
          details: r.details,
        })),
        nextCursor: rows.length > query.limit ? (page[page.length - 1]?.id ?? null) : null,
      };
    },
  };
}
