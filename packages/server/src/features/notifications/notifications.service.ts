import { AppError, type Notification } from '@vuonxa/core';
import type { Db, Queryable } from '../../db/db.js';
import type { AuthContext } from '../../http/context.js';
import type { EventBus } from '../../realtime/bus.js';

export type NotificationKind = Notification['kind'];

export interface Notice {
  userIds: readonly string[];
  kind: NotificationKind;
  consultId?: string | null;
  sessionId?: string | null;
  visitId?: string | null;
  ref?: string | null;
}

interface Row {
  id: string;
  kind: NotificationKind;
  consult_id: string | null;
  session_id: string | null;
  visit_id: string | null;
  ref: string | null;
  created_at: Date;
  read_at: Date | null;
  user_id: string;
}

const view = (r: Row): Notification => ({
  id: r.id,
  kind: r.kind,
  consultId: r.consult_id,
  sessionId: r.session_id,
  visitId: r.visit_id,
  ref: r.ref,
  createdAt: r.created_at.toISOString(),
  readAt: r.read_at?.toISOString() ?? null,
});

/** People to tell, by the part they play. */
export const recipients = {
  /** Coordinators of a hub. */
  async hubCoordinators(q: Queryable, hubId: string): Promise<string[]> {
    const { rows } = await q.query<{ user_id: string }>(
      `SELECT DISTINCT m.user_id FROM membership m JOIN app_user u ON u.id = m.user_id
        WHERE m.facility_id = $1 AND m.role = 'coordinator' AND u.active`,
      [hubId],
    );
    return rows.map((r) => r.user_id);
  },
  async assignees(q: Queryable, consultId: string): Promise<string[]> {
    const { rows } = await q.query<{ user_id: string }>('SELECT user_id FROM consult_assignment WHERE consult_id = $1', [consultId]);
    return rows.map((r) => r.user_id);
  },
};

/**
 * In-app notifications, stored and pushed live. They carry the request's reference and kind only; the page
 * loads the rest with the reader's rights checked. Delivery is best effort: a failed notification never undoes
 * the clinical action that caused it.
 */
export function createNotificationsService(deps: { db: Db; bus: EventBus; onError: (err: unknown) => void }) {
  const { db, bus } = deps;
  return {
    async notify(notices: readonly Notice[], actorId?: string): Promise<void> {
      try {
        for (const n of notices) {
          const userIds = [...new Set(n.userIds)].filter((id) => id !== actorId);
          if (userIds.length === 0) continue;
          const { rows } = await db.query<Row>(
            `INSERT INTO notification (user_id, kind, consult_id, session_id, visit_id, ref)
             SELECT u, $2, $3, $4, $5, $6 FROM unnest($1::uuid[]) AS u RETURNING *`,
            [userIds, n.kind, n.consultId ?? null, n.sessionId ?? null, n.visitId ?? null, n.ref ?? null],
          );
          for (const r of rows) bus.publish([r.user_id], { type: 'notification', notification: view(r) });
        }
      } catch (err) {
        deps.onError(err);
      }
    },
    /** Tells everyone looking at a request that it changed, so their screen refetches it. */
    changed(userIds: readonly string[], consultId: string, actorId?: string): void {
      // Not to the actor: their own screen already has the answer (and a read receipt must not echo back).
      bus.publish(
        [...new Set(userIds)].filter((id) => id !== actorId),
        { type: 'consult.changed', consultId },
      );
    },
    async list(auth: AuthContext): Promise<{ items: Notification[]; unread: number }> {
      const { rows } = await db.query<Row>('SELECT * FROM notification WHERE user_id = $1 ORDER BY created_at DESC LIMIT 50', [
        auth.user.id,
      ]);
      const { rows: c } = await db.query<{ n: string }>('SELECT count(*) AS n FROM notification WHERE user_id = $1 AND read_at IS NULL', [
        auth.user.id,
      ]);
      return { items: rows.map(view), unread: Number(c[0]?.n ?? 0) };
    },
    async markRead(auth: AuthContext, body: { ids?: string[] | undefined; all?: boolean | undefined }): Promise<void> {
      if (!body.all && !body.ids?.length)
        throw new AppError('VALIDATION_FAILED', { details: { issues: [{ field: 'ids', message: 'ids or all', code: 'required' }] } });
      await db.query(
        `UPDATE notification SET read_at = now() WHERE user_id = $1 AND read_at IS NULL AND ($2::boolean OR id = ANY($3::uuid[]))`,
        [auth.user.id, body.all === true, body.ids ?? []],
      );
    },
  };
}
export type NotificationsService = ReturnType<typeof createNotificationsService>;
