import type { Db } from '../../db/db.js';
import { recipients, type NotificationsService } from '../notifications/notifications.service.js';

/**
 * Tells the requesting clinician and the hub's coordinators, once, that a site's outcome report is overdue
 * (Circular 49/2017: the requesting site reports the result back). Run periodically by the server; returns how
 * many requests were reminded.
 */
export async function remindOverdueOutcomes(db: Db, notifications: NotificationsService): Promise<number> {
  // Several instances run this job: one at a time does the work, the others skip this round.
  return db.tx(async (q) => {
    const { rows: lock } = await q.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock(77152004) AS ok');
    return lock[0]?.ok ? remind(db, notifications) : 0;
  });
}

async function remind(db: Db, notifications: NotificationsService): Promise<number> {
  const { rows } = await db.query<{ id: string; ref: string; requester_user_id: string; target_hub_id: string | null }>(
    `SELECT c.id, c.ref, c.requester_user_id, c.target_hub_id FROM consult_request c
      WHERE c.state = 'concluded' AND c.outcome_due_at < now()
        AND NOT EXISTS (SELECT 1 FROM notification n WHERE n.consult_id = c.id AND n.kind = 'outcome.overdue')
      ORDER BY c.outcome_due_at LIMIT 500`,
  );
  for (const c of rows) {
    const hub = c.target_hub_id ? await recipients.hubCoordinators(db, c.target_hub_id) : [];
    await notifications.notify([{ userIds: [c.requester_user_id, ...hub], kind: 'outcome.overdue', consultId: c.id, ref: c.ref }]);
  }
  return rows.length;
}
