import { scopeOf, type HomeTask } from '@vuonxa/core';
import type { Db } from '../../db/db.js';
import type { AuthContext } from '../../http/context.js';

const ids = (s: 'all' | string[]) => (s === 'all' ? null : s);

/**
 * The consultation work waiting for this person: the hub's queue (and how much of it is past its response
 * target), requests assigned to them, reports awaiting their signature, questions the hub asked their site, and
 * outcomes their site owes. One query, counts only.
 */
export async function consultTasks(db: Db, auth: AuthContext): Promise<HomeTask[]> {
  const hub = scopeOf(auth.principal, 'consult.triage');
  const site = scopeOf(auth.principal, 'consult.create');
  const answers = scopeOf(auth.principal, 'consult.answer');
  const hubIds = ids(hub);
  const siteIds = ids(site);
  const hasHub = hub === 'all' || hub.length > 0;
  const hasSite = site === 'all' || site.length > 0;
  const hasAnswer = answers === 'all' || answers.length > 0;
  if (!hasHub && !hasSite && !hasAnswer) return [];
  const { rows } = await db.query<{
    queue: number;
    queue_overdue: number;
    assigned: number;
    to_sign: number;
    needs_info: number;
    outcomes_overdue: number;
  }>(
    `SELECT
       (SELECT count(*)::int FROM consult_request c WHERE $1 AND c.state IN ('submitted', 'forwarded', 'in_triage')
          AND ($2::uuid[] IS NULL OR c.target_hub_id = ANY($2))) AS queue,
       (SELECT count(*)::int FROM consult_request c WHERE $1 AND c.state IN ('submitted', 'forwarded', 'in_triage')
          AND c.response_due_at < now() AND ($2::uuid[] IS NULL OR c.target_hub_id = ANY($2))) AS queue_overdue,
       (SELECT count(*)::int FROM consult_assignment a JOIN consult_request c ON c.id = a.consult_id
          WHERE a.user_id = $5 AND c.state IN ('accepted', 'scheduled', 'in_session', 'needs_info')) AS assigned,
       (SELECT count(*)::int FROM consult_report r WHERE r.state = 'signing'
          AND r.required_signers @> jsonb_build_array(jsonb_build_object('userId', $5::text))
          AND NOT EXISTS (SELECT 1 FROM report_signature s WHERE s.report_id = r.id AND s.signer_user_id = $5)) AS to_sign,
       (SELECT count(*)::int FROM consult_request c WHERE $3 AND c.state = 'needs_info'
          AND ($4::uuid[] IS NULL OR c.requesting_facility_id = ANY($4))) AS needs_info,
       (SELECT count(*)::int FROM consult_request c WHERE $3 AND c.state = 'concluded' AND c.outcome_due_at < now()
          AND ($4::uuid[] IS NULL OR c.requesting_facility_id = ANY($4))) AS outcomes_overdue`,
    [hasHub, hubIds, hasSite, siteIds, auth.user.id],
  );
  const r = rows[0]!;
  const tasks: HomeTask[] = [];
  if (r.to_sign > 0)
    tasks.push({
      id: 'reports-to-sign',
      severity: 'warning',
      titleKey: 'home.task.reportsToSign',
      params: { count: r.to_sign },
      href: '/consults?view=assigned',
    });
  if (r.queue > 0)
    tasks.push({
      id: 'triage-queue',
      severity: r.queue_overdue > 0 ? 'critical' : 'info',
      titleKey: r.queue_overdue > 0 ? 'home.task.triageOverdue' : 'home.task.triageQueue',
      params: { count: r.queue, overdue: r.queue_overdue },
      href: '/triage',
    });
  if (r.needs_info > 0)
    tasks.push({
      id: 'needs-info',
      severity: 'warning',
      titleKey: 'home.task.needsInfo',
      params: { count: r.needs_info },
      href: '/consults?state=needs_info',
    });
  if (r.outcomes_overdue > 0)
    tasks.push({
      id: 'outcomes-overdue',
      severity: 'warning',
      titleKey: 'home.task.outcomesOverdue',
      params: { count: r.outcomes_overdue },
      href: '/consults?view=outcome_overdue',
    });
  if (r.assigned > 0)
    tasks.push({
      id: 'assigned',
      severity: 'info',
      titleKey: 'home.task.assigned',
      params: { count: r.assigned },
      href: '/consults?view=assigned',
    });
  return tasks;
}
