import { scopeOf, type AuditEventView, type AuditQuery, type Principal } from '@vuonxa/core';
import type { Db, Queryable } from '../../db/db.js';
import type { RequestMeta } from '../../http/context.js';
import { assertCan } from '../../http/context.js';
import type { AuditEntry, AuditRepo } from './audit.repo.js';

export interface AuditService {
  /**
   * Records one event. Pass the transaction's client when the event belongs to a write, so both commit or
   * neither does; denials and failures are recorded on their own connection (they must survive a rollback).
   */
  record(m: RequestMeta, e: AuditEntry, q?: Queryable): Promise<void>;
  /** Records several events of one request in one statement (one round trip), all or none; as `record` otherwise. */
  recordAll(m: RequestMeta, entries: readonly AuditEntry[], q?: Queryable): Promise<void>;
  search(m: RequestMeta, principal: Principal, query: AuditQuery): Promise<{ items: AuditEventView[]; nextCursor: string | null }>;
}

export function createAuditService(deps: { db: Db; repo: AuditRepo }): AuditService {
  const { db, repo } = deps;
  return {
    // In a transaction: with it. Alone (a read, a refusal, a sign-in): committed without waiting for the disk (db.relaxed).
    record: (m, e, q) => repo.insert(q ?? db.relaxed, m, e),
    recordAll: (m, entries, q) => repo.insertAll(q ?? db.relaxed, m, entries),
    async search(m, principal, query) {
      if (query.facilityId) assertCan(principal, 'audit.read', query.facilityId);
      else assertCan(principal, 'audit.read');
      const scope = scopeOf(principal, 'audit.read');
      const page = await repo.search(db, query, scope);
      // Reading the trail is itself an access to personal data (who did what to whom): audit it.
      await repo.insert(db.relaxed, m, {
        action: 'audit.search',
        outcome: 'success',
        entityType: 'audit_event',
        details: { results: page.items.length, ...(query.facilityId ? { facilityId: query.facilityId } : {}) },
      });
      return page;
    },
  };
}
