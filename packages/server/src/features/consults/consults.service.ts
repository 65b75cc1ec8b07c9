import { randomUUID } from 'node:crypto';
import {
  AppError,
  EDITABLE_STATES,
  availableConsultActions,
  clinicalSummarySchema,
  fieldError,
  type ConsultDetail,
  type ConsultDraft,
  type ConsultUpdate,
  type TriageQueue,
  type TriageQueueQuery,
} from '@vuonxa/core';
import type { Db, Queryable } from '../../db/db.js';
import { assertCan, type AuthContext, type RequestMeta } from '../../http/context.js';
import type { AuditEntry } from '../audit/audit.repo.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Clock } from '../auth/auth.service.js';
import { recipients, type NotificationsService } from '../notifications/notifications.service.js';
import { patientsRepo } from '../patients/patients.repo.js';
import { consultScope, partSites, rolesFrom, rolesOn, type ConsultRole } from './consult-access.js';
import { consultListsRepo, listItemView, type QueueCursor } from './consult-lists.repo.js';
import { consultsRepo, type ConsultRow, type DetailParts } from './consults.repo.js';
import { createConsultActions } from './consult-actions.js';
import { actorsOf } from './consult-rules.js';

export interface ConsultDeps {
  db: Db;
  audit: AuditService;
  clock: Clock;
  notifications: NotificationsService;
  retentionYears: number;
  outcomeDueDays: number;
}

/** A timestamptz as PostgreSQL prints it (`2026-11-27 09:15:02.123+07`): the time part of the list cursors. */
const PG_TIME = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,6})?[+-]\d\d(:?\d\d)?$/;

export function createConsultsService(deps: ConsultDeps) {
  const { db, audit, clock, notifications } = deps;

  /**
   * The request and the caller's part in it; NOT_FOUND (audited) when the caller has none. A read takes one statement
   * (`getWithPart`); `forUpdate` locks the row first and then looks at the caller's part, as it stands once the lock
   * is held.
   */
  async function access(auth: AuthContext, id: string, m: RequestMeta, q: Queryable = db, forUpdate = false) {
    let c: ConsultRow | null;
    let roles: ConsultRole[];
    if (forUpdate) {
      c = await consultsRepo.get(q, id, true);
      roles = c ? await rolesOn(q, auth.principal, auth.user.id, c) : [];
    } else {
      const found = await consultsRepo.getWithPart(q, id, auth.user.id, partSites(auth.user.id, auth.principal));
      c = found?.c ?? null;
      roles = found ? rolesFrom(auth.principal, found.c, found.part) : [];
    }
    if (!c || roles.length === 0) {
      if (c)
        await audit.record(m, {
          action: 'access.denied',
          outcome: 'denied',
          entityType: 'consult',
          entityId: id,
          subjectFacilityId: c.requesting_facility_id,
        });
      throw new AppError('NOT_FOUND', { details: { entity: 'consult' } });
    }
    return { c, roles };
  }

  /** References in a draft must exist and make sense for the requesting facility. */
  async function checkReferences(q: Queryable, facilityId: string, d: Omit<ConsultDraft, 'facilityId'>): Promise<void> {
    if (d.patientId && !(await patientsRepo.isLinked(q, d.patientId, facilityId))) {
      throw fieldError('patientId', 'the patient is not registered at the requesting facility', 'not_found');
    }
    if (d.targetHubId) {
      if (d.targetHubId === facilityId) throw fieldError('targetHubId', 'a facility does not consult itself', 'invalid');
      const { rowCount } = await q.query('SELECT 1 FROM facility WHERE id = $1 AND active', [d.targetHubId]);
      if (!rowCount) throw fieldError('targetHubId', 'no such facility', 'not_found');
    }
    if (d.siteId) {
      const { rowCount } = await q.query('SELECT 1 FROM bridge_site WHERE id = $1 AND facility_id = $2', [d.siteId, facilityId]);
      if (!rowCount) throw fieldError('siteId', 'not a bridge site of the requesting facility', 'not_found');
    }
    const codes = d.diagnoses.map((x) => x.code.toUpperCase());
    const known = await consultsRepo.diagnosisNames(q, codes);
    const unknown = codes.findIndex((code) => !known.has(code));
    if (unknown >= 0) throw fieldError(`diagnoses.${unknown}.code`, 'not an ICD-10 code of the catalogue', 'not_found');
  }

  const normalise = <T extends Omit<ConsultDraft, 'facilityId'>>(d: T): T => ({
    ...d,
    diagnoses: d.diagnoses.map((x) => ({ ...x, code: x.code.toUpperCase() })),
  });

  /** The detail of a request: its row, the caller's roles and the rest read in one statement. */
  async function detail(c: ConsultRow, roles: ConsultRole[]): Promise<ConsultDetail> {
    return detailView(c, roles, await consultsRepo.detailParts(db, c));
  }

  function detailView(c: ConsultRow, roles: ConsultRole[], parts: DetailParts): ConsultDetail {
    const { assignments, attachments, sessions, report, outcome, names, patient } = parts;
    return {
      id: c.id,
      ref: c.ref,
      state: c.state,
      type: c.type,
      urgency: c.urgency,
      specialty: c.specialty,
      requestingFacility: { id: c.requesting_facility_id, name: c.requesting_facility_name },
      siteId: c.requesting_site_id,
      requester: { id: c.requester_user_id, name: c.requester_name },
      targetHub: c.target_hub_id ? { id: c.target_hub_id, name: c.target_hub_name ?? '' } : null,
      patient,
      // Stored drafts may predate a field: fill the defaults so the answer always has the full shape.
      clinical: clinicalSummarySchema.parse(c.clinical),
      question: c.question,
      diagnoses: c.diagnoses.map((d) => ({ ...d, nameVi: names.get(d.code)?.nameVi ?? d.code, nameEn: names.get(d.code)?.nameEn ?? null })),
      submittedAt: c.submitted_at?.toISOString() ?? null,
      responseDueAt: c.response_due_at?.toISOString() ?? null,
      decidedAt: c.decided_at?.toISOString() ?? null,
      outcomeDueAt: c.outcome_due_at?.toISOString() ?? null,
      retainUntil: c.retain_until?.toISOString() ?? null,
      createdAt: c.created_at.toISOString(),
      updatedAt: c.updated_at.toISOString(),
      version: c.version,
      assignments,
      attachments,
      openQuestion: c.open_question,
      declineReason: c.decline_reason,
      sessions,
      report,
      outcome: outcome
        ? {
            outcome: outcome.outcome as NonNullable<ConsultDetail['outcome']>['outcome'],
            occurredOn: outcome.occurred_on,
            note: outcome.note,
            referredTo: outcome.referred_id ? { id: outcome.referred_id, name: outcome.referred_name ?? '' } : null,
            reportedBy: { id: outcome.reporter_id, name: outcome.reporter_name },
            reportedAt: outcome.reported_at.toISOString(),
          }
        : null,
      myRoles: roles,
      // Starting a session and concluding happen through the session and the signed report, never as buttons;
      // `schedule` and `report_outcome` are offered and lead to the session form and the outcome form.
      actions: availableConsultActions(c.state, actorsOf(roles)).filter((a) => !['start_session', 'unschedule', 'conclude'].includes(a)),
    };
  }

  async function everyoneOn(q: Queryable, c: ConsultRow): Promise<string[]> {
    const hub = c.target_hub_id && c.state !== 'draft' ? await recipients.hubCoordinators(q, c.target_hub_id) : [];
    return [c.requester_user_id, ...hub, ...(await recipients.assignees(q, c.id))];
  }

  async function loadDetail(auth: AuthContext, id: string, m: RequestMeta): Promise<ConsultDetail> {
    const { c, roles } = await access(auth, id, m);
    return detail(c, roles);
  }

  const actions = createConsultActions({ ...deps, access, everyoneOn, loadDetail });
  return {
    access,
    everyoneOn,
    ...actions,

    /**
     * One statement checks the references, inserts the request, its retention date, its event and its audit row, and
     * gives back the row: the answer is built from it (a new draft has no assignment, file, session, report or
     * outcome yet, and the caller is its requester).
     */
    async create(auth: AuthContext, draft: ConsultDraft, m: RequestMeta): Promise<ConsultDetail> {
      assertCan(auth.principal, 'consult.create', draft.facilityId);
      const d = normalise(draft);
      const id = randomUUID();
      const r = await consultsRepo.insertDraft(db, {
        id,
        draft: d,
        requesterId: auth.user.id,
        year: new Date(clock.now()).getUTCFullYear(),
        retentionYears: deps.retentionYears,
        meta: m,
        audit: { action: 'consult.create', outcome: 'success', entityType: 'consult', entityId: id, subjectFacilityId: d.facilityId },
      });
      // The same refusals, in the same order, as checkReferences.
      if (!r.patientOk) throw fieldError('patientId', 'the patient is not registered at the requesting facility', 'not_found');
      if (!r.hubOk) {
        throw d.targetHubId === d.facilityId
          ? fieldError('targetHubId', 'a facility does not consult itself', 'invalid')
          : fieldError('targetHubId', 'no such facility', 'not_found');
      }
      if (!r.siteOk) throw fieldError('siteId', 'not a bridge site of the requesting facility', 'not_found');
      const unknown = d.diagnoses.findIndex((x) => !r.names.has(x.code));
      if (unknown >= 0) throw fieldError(`diagnoses.${unknown}.code`, 'not an ICD-10 code of the catalogue', 'not_found');
      const c = r.row!;
      return detailView(c, rolesFrom(auth.principal, c, { specialist: false, participant: false }), {
        assignments: [],
        attachments: [],
        sessions: [],
        report: null,
        outcome: null,
        names: r.names,
        patient: r.patient,
      });
    },

    async update(auth: AuthContext, id: string, upd: ConsultUpdate, m: RequestMeta): Promise<ConsultDetail> {
      await db.tx(async (q) => {
        const { c, roles } = await access(auth, id, m, q, true);
        if (!roles.includes('requester')) throw new AppError('FORBIDDEN', { details: { permission: 'consult.create' } });
        if (!EDITABLE_STATES.includes(c.state))
          throw new AppError('INVALID_STATE', {
            message: `A request in state ${c.state} can no longer be edited`,
            details: { state: c.state },
          });
        const d = normalise(upd);
        await checkReferences(q, c.requesting_facility_id, d);
        if (!(await consultsRepo.updateDraft(q, id, d))) {
          throw new AppError('CONFLICT', {
            message: 'Someone else saved this request; reload it',
            details: { field: 'version', version: c.version },
          });
        }
        await audit.record(
          m,
          {
            action: 'consult.update',
            outcome: 'success',
            entityType: 'consult',
            entityId: id,
            subjectFacilityId: c.requesting_facility_id,
          },
          q,
        );
      });
      return loadDetail(auth, id, m);
    },

    /**
     * The audit rows (one statement) and the detail (one statement) go to the database together; the answer leaves
     * only once both are done, so nothing is shown that was not recorded.
     */
    async get(auth: AuthContext, id: string, m: RequestMeta): Promise<ConsultDetail> {
      const { c, roles } = await access(auth, id, m);
      const reads: AuditEntry[] = [
        { action: 'consult.read', outcome: 'success', entityType: 'consult', entityId: id, subjectFacilityId: c.requesting_facility_id },
      ];
      if (c.patient_id)
        reads.push({
          action: 'patient.read',
          outcome: 'success',
          entityType: 'patient',
          entityId: c.patient_id,
          details: { via: 'consult' },
        });
      const [, answer] = await Promise.all([audit.recordAll(m, reads), detail(c, roles)]);
      return answer;
    },

    async assign(auth: AuthContext, id: string, specialistIds: string[], m: RequestMeta): Promise<ConsultDetail> {
      const added = await db.tx(async (q) => {
        const { c, roles } = await access(auth, id, m, q, true);
        if (!roles.includes('hub')) throw new AppError('FORBIDDEN', { details: { permission: 'consult.triage' } });
        if (!['in_triage', 'accepted', 'scheduled', 'in_session'].includes(c.state))
          throw new AppError('INVALID_STATE', { details: { state: c.state } });
        const ok = await consultsRepo.specialistsAt(q, c.target_hub_id!, specialistIds);
        const bad = specialistIds.findIndex((s) => !ok.includes(s));
        if (bad >= 0) throw fieldError(`specialistIds.${bad}`, 'not a specialist of this hub', 'invalid');
        const before = await recipients.assignees(q, id);
        await consultsRepo.setAssignments(q, id, specialistIds, auth.user.id);
        await consultsRepo.event(q, id, auth.user.id, 'assign', c.state, { specialistIds });
        await audit.record(
          m,
          {
            action: 'consult.assign',
            outcome: 'success',
            entityType: 'consult',
            entityId: id,
            subjectFacilityId: c.requesting_facility_id,
          },
          q,
        );
        return { ids: specialistIds.filter((s) => !before.includes(s)), ref: c.ref };
      });
      await notifications.notify([{ userIds: added.ids, kind: 'consult.assigned', consultId: id, ref: added.ref }], auth.user.id);
      return loadDetail(auth, id, m);
    },

    async events(auth: AuthContext, id: string, m: RequestMeta) {
      await access(auth, id, m);
      return consultsRepo.events(db, id);
    },

    /** A page of a hub's triage queue with its counts (patient names: audited as a list read). */
    async queue(auth: AuthContext, query: TriageQueueQuery, m: RequestMeta): Promise<TriageQueue> {
      assertCan(auth.principal, 'consult.triage', query.hubId);
      let after: QueueCursor | undefined;
      if (query.cursor) {
        const [rank, at, cid] = Buffer.from(query.cursor, 'base64url').toString('utf8').split('|');
        if (!rank || !/^[012]$/.test(rank) || !at || !PG_TIME.test(at) || !cid || !/^[0-9a-f-]{36}$/.test(cid))
          throw fieldError('cursor', 'not a cursor from this queue');
        after = { rank: Number(rank), at, id: cid };
      }
      const [rows, counts] = await Promise.all([
        consultListsRepo.queue(db, auth.user.id, { hubId: query.hubId, specialty: query.specialty, after, limit: query.limit }),
        consultListsRepo.queueCounts(db, query.hubId, query.specialty, new Date(clock.now())),
      ]);
      const items = rows.slice(0, query.limit);
      const last = items[items.length - 1];
      await audit.record(m, {
        action: 'consult.list',
        outcome: 'success',
        entityType: 'consult',
        subjectFacilityId: query.hubId,
        details: { view: 'queue', results: items.length, ...(query.specialty ? { specialty: query.specialty } : {}) },
      });
      return {
        items: items.map(listItemView),
        nextCursor:
          rows.length > query.limit && last ? Buffer.from(`${last.queue_rank}|${last.queue_at}|${last.id}`).toString('base64url') : null,
        ...counts,
      };
    },

    async list(
      auth: AuthContext,
      query: {
        view: string;
        facilityId?: string | undefined;
        state?: ConsultRow['state'] | undefined;
        cursor?: string | undefined;
        limit: number;
      },
      m: RequestMeta,
    ) {
      let cursor: { at: string; id: string } | undefined;
      if (query.cursor) {
        const [at, cid] = Buffer.from(query.cursor, 'base64url').toString('utf8').split('|');
        if (!at || !cid || !PG_TIME.test(at) || !/^[0-9a-f-]{36}$/.test(cid)) throw fieldError('cursor', 'not a cursor from this list');
        cursor = { at, id: cid };
      }
      const { cursor: _raw, ...filters } = query;
      const rows = await consultListsRepo.list(db, consultScope(auth.user.id, auth.principal), {
        ...filters,
        ...(cursor ? { cursor } : {}),
        now: new Date(clock.now()),
      });
      const more = rows.length > query.limit && !query.view.startsWith('outcome');
      const items = rows.slice(0, query.limit);
      const last = items[items.length - 1];
      await audit.record(m, {
        action: 'consult.list',
        outcome: 'success',
        entityType: 'consult',
        details: { view: query.view, results: items.length },
      });
      return {
        items: items.map(listItemView),
        nextCursor: more && last ? Buffer.from(`${last.cursor_at}|${last.id}`).toString('base64url') : null,
      };
    },
  };
}
export type ConsultsService = ReturnType<typeof createConsultsService>;
