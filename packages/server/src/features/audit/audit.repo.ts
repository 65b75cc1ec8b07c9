import type { AuditAction, AuditEventView, AuditOutcome, AuditQuery } from '@vuonxa/core';
import type { Queryable } from '../../db/db.js';
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

export function createAuditRepo(): AuditRepo {
  return {
    async insert(q, m, e) {
      await q.query(
        `INSERT INTO audit_event (actor_user_id, acting_facility_id, subject_facility_id, action, entity_type, entity_id,
           outcome, ip, request_id, details)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
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
        ],
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
