import {
  AppError,
  fieldError,
  mayTakeConsultAction,
  nextConsultState,
  responseDueAt,
  type ConsultAction,
  type ConsultDetail,
  type ConsultTransition,
} from '@vuonxa/core';
import type { Queryable } from '../../db/db.js';
import type { AuthContext, RequestMeta } from '../../http/context.js';
import { recipients, type NotificationsService } from '../notifications/notifications.service.js';
import type { ConsultRole } from './consult-access.js';
import { consultsRepo, type ConsultRow } from './consults.repo.js';
import type { ConsultDeps } from './consults.service.js';
import { actorsOf, completenessIssues } from './consult-rules.js';
import { threadRepo } from './thread.repo.js';

/**
 * The state changes of a request taken by people: the state machine's transitions (submit, triage, ask, answer,
 * accept, decline, forward, close, cancel) and the outcome report. Each runs in one transaction with its event
 * and audit record; notifications and change events go out after the commit.
 */
export function createConsultActions(
  deps: ConsultDeps & {
    access: (
      auth: AuthContext,
      id: string,
      m: RequestMeta,
      q?: Queryable,
      forUpdate?: boolean,
    ) => Promise<{ c: ConsultRow; roles: ConsultRole[] }>;
    everyoneOn: (q: Queryable, c: ConsultRow) => Promise<string[]>;
    loadDetail: (auth: AuthContext, id: string, m: RequestMeta) => Promise<ConsultDetail>;
  },
) {
  const { db, audit, clock, notifications, access, everyoneOn, loadDetail } = deps;
  return {
    async transition(auth: AuthContext, id: string, t: ConsultTransition, m: RequestMeta): Promise<ConsultDetail> {
      const after = await db.tx(async (q) => {
        const { c, roles } = await access(auth, id, m, q, true);
        const action: ConsultAction = t.action;
        if (!mayTakeConsultAction(c.state, action, actorsOf(roles))) {
          const possible = nextConsultState(c.state, action) !== null;
          throw new AppError(possible ? 'FORBIDDEN' : 'INVALID_STATE', {
            message: possible ? 'You cannot take this action on this request' : `Action ${action} does not apply in state ${c.state}`,
            details: { action, state: c.state },
          });
        }
        const to = nextConsultState(c.state, action)!;
        const now = new Date(clock.now());
        const set: Record<string, unknown> = {};
        const details: Record<string, unknown> = {};
        const notices: Parameters<NotificationsService['notify']>[0][number][] = [];
        const hubPeople = async (hubId: string | null) => (hubId ? recipients.hubCoordinators(q, hubId) : []);
        switch (t.action) {
          case 'submit': {
            const issues = completenessIssues(c);
            if (issues.length) throw new AppError('VALIDATION_FAILED', { message: 'The request is incomplete', details: { issues } });
            set.submitted_at = now;
            set.response_due_at = responseDueAt(now, c.urgency!);
            notices.push({ userIds: await hubPeople(c.target_hub_id), kind: 'consult.submitted' });
            break;
          }
          case 'start_triage':
            set.triaged_by = auth.user.id;
            break;
          case 'request_info':
            set.open_question = t.question;
            details.question = t.question;
            await threadRepo.insertMessage(q, {
              consultId: id,
              kind: 'info_request',
              authorId: auth.user.id,
              facilityId: auth.activeFacilityId,
              body: t.question,
            });
            notices.push({ userIds: [c.requester_user_id], kind: 'consult.info_requested' });
            break;
          case 'provide_info':
            set.open_question = null;
            await threadRepo.insertMessage(q, {
              consultId: id,
              kind: 'info_response',
              authorId: auth.user.id,
              facilityId: auth.activeFacilityId,
              body: t.answer,
            });
            notices.push({
              userIds: [...(await hubPeople(c.target_hub_id)), ...(await recipients.assignees(q, id))],
              kind: 'consult.info_provided',
            });
            break;
          case 'accept': {
            const ok = await consultsRepo.specialistsAt(q, c.target_hub_id!, t.specialistIds);
            const bad = t.specialistIds.findIndex((s) => !ok.includes(s));
            if (bad >= 0) throw fieldError(`specialistIds.${bad}`, 'not a specialist of this hub', 'invalid');
            await consultsRepo.setAssignments(q, id, t.specialistIds, auth.user.id);
            set.decided_at = now;
            details.specialistIds = t.specialistIds;
            details.specialistNames = (await consultsRepo.userNames(q, t.specialistIds)).sort();
            notices.push(
              { userIds: t.specialistIds, kind: 'consult.assigned' },
              { userIds: [c.requester_user_id], kind: 'consult.accepted' },
            );
            break;
          }
          case 'decline':
            set.decline_reason = t.reason;
            set.decided_at = now;
            details.reason = t.reason;
            notices.push({ userIds: [c.requester_user_id], kind: 'consult.declined' });
            break;
          case 'forward': {
            if (t.toHubId === c.target_hub_id || t.toHubId === c.requesting_facility_id)
              throw fieldError('toHubId', 'forward to another hub', 'invalid');
            const { rows: to } = await q.query<{ name: string }>('SELECT name FROM facility WHERE id = $1 AND active', [t.toHubId]);
            if (!to[0]) throw fieldError('toHubId', 'no such facility', 'not_found');
            // Names as they were, so the timeline reads the same after facilities are renamed.
            details.fromHubName = c.target_hub_name;
            details.toHubName = to[0].name;
            set.target_hub_id = t.toHubId;
            set.triaged_by = null;
            details.fromHubId = c.target_hub_id;
            details.toHubId = t.toHubId;
            details.reason = t.reason;
            await q.query('DELETE FROM consult_assignment WHERE consult_id = $1', [id]);
            notices.push(
              { userIds: await hubPeople(t.toHubId), kind: 'consult.forwarded' },
              { userIds: [c.requester_user_id], kind: 'consult.forwarded' },
            );
            break;
          }
          case 'close':
            set.closed_at = now;
            break;
          case 'cancel':
            details.reason = t.reason;
            set.closed_at = now;
            notices.push({ userIds: await everyoneOn(q, c), kind: 'consult.cancelled' });
            break;
        }
        await consultsRepo.transition(q, c, to, auth.user.id, action, set, details);
        await audit.record(
          m,
          {
            action: 'consult.transition',
            outcome: 'success',
            entityType: 'consult',
            entityId: id,
            subjectFacilityId: c.requesting_facility_id,
            details: { action, from: c.state, to },
          },
          q,
        );
        return { notices: notices.map((n) => ({ ...n, consultId: id, ref: c.ref })), watchers: await everyoneOn(q, { ...c, state: to }) };
      });
      await notifications.notify(after.notices, auth.user.id);
      notifications.changed(after.watchers, id, auth.user.id);
      return loadDetail(auth, id, m);
    },

    async reportOutcome(
      auth: AuthContext,
      id: string,
      o: { outcome: string; occurredOn: string; note: string | null; referredToFacilityId: string | null },
      m: RequestMeta,
    ): Promise<ConsultDetail> {
      const after = await db.tx(async (q) => {
        const { c, roles } = await access(auth, id, m, q, true);
        if (!roles.includes('requester')) throw new AppError('FORBIDDEN', { details: { permission: 'consult.create' } });
        if (!mayTakeConsultAction(c.state, 'report_outcome', ['requester']))
          throw new AppError('INVALID_STATE', { message: 'The request has no final report yet', details: { state: c.state } });
        if (['referred', 'transferred'].includes(o.outcome) && !o.referredToFacilityId)
          throw fieldError('referredToFacilityId', 'say where the patient went', 'required');
        if (o.occurredOn > new Date(clock.now()).toISOString().slice(0, 10))
          throw fieldError('occurredOn', 'cannot be in the future', 'invalid');
        await consultsRepo.insertOutcome(q, id, o, auth.user.id);
        await consultsRepo.transition(q, c, 'outcome_reported', auth.user.id, 'report_outcome', {}, { outcome: o.outcome });
        await audit.record(
          m,
          {
            action: 'consult.outcome',
            outcome: 'success',
            entityType: 'consult',
            entityId: id,
            subjectFacilityId: c.requesting_facility_id,
            details: { outcome: o.outcome },
          },
          q,
        );
        return { c, watchers: await everyoneOn(q, c) };
      });
      await notifications.notify([{ userIds: after.watchers, kind: 'outcome.reported', consultId: id, ref: after.c.ref }], auth.user.id);
      notifications.changed(after.watchers, id, auth.user.id);
      return loadDetail(auth, id, m);
    },
  };
}
