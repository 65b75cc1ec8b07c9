import { AppError, can, type Ticket, type Visit, type WalkIn } from '@vuonxa/core';
import type { Db, Queryable } from '../../db/db.js';
import type { AuthContext, RequestMeta } from '../../http/context.js';
import type { AuditService } from '../audit/audit.service.js';
import {
  activeService,
  assertMayBook,
  auditRefusals,
  forbidden,
  legalGate,
  loadVisit,
  myPractitioner,
  visibleVisit,
  visitView,
} from './visit-access.js';

/**
 * The walk-in virtual clinic: a facility opens it with doctors on duty; patients take a number (the legal gate and
 * consents checked) and see their place and the expected wait; a doctor on duty calls the next.
 */
export function createWalkInsService(deps: { db: Db; audit: AuditService; retentionYears: number }) {
  const { db, audit } = deps;
  const service = activeService;
  const visible = (auth: AuthContext, id: string, m: RequestMeta) => visibleVisit(db, audit, auth, id, m);
  const refused = <T>(m: RequestMeta, run: () => Promise<T>) => auditRefusals(audit, m, run);

  async function walkInView(q: Queryable, id: string): Promise<WalkIn | null> {
    const { rows } = await q.query<{
      id: string;
      facility_id: string;
      facility_name: string;
      service_id: string;
      service_name: string;
      specialty: string;
      fee_vnd: string;
      duration_minutes: number;
      opened_at: Date;
      closed_at: Date | null;
      doctors: number;
      waiting: number;
    }>(
      `SELECT w.id, w.facility_id, f.name AS facility_name, w.service_id, s.name AS service_name, s.specialty, s.fee_vnd, s.duration_minutes,
              w.opened_at, w.closed_at, cardinality(w.practitioner_ids) AS doctors,
              (SELECT count(*)::int FROM visit v WHERE v.walk_in_id = w.id AND v.state = 'waiting') AS waiting
         FROM walk_in w JOIN facility f ON f.id = w.facility_id JOIN visit_service s ON s.id = w.service_id WHERE w.id = $1`,
      [id],
    );
    const w = rows[0];
    if (!w) return null;
    return {
      id: w.id,
      facility: { id: w.facility_id, name: w.facility_name },
      service: { id: w.service_id, name: w.service_name, specialty: w.specialty, feeVnd: Number(w.fee_vnd) },
      openedAt: w.opened_at.toISOString(),
      closedAt: w.closed_at?.toISOString() ?? null,
      waiting: w.waiting,
      expectedWaitMinutes: Math.ceil((w.waiting * w.duration_minutes) / Math.max(1, w.doctors)),
    };
  }

  return {
    async openWalkIn(
      auth: AuthContext,
      facilityId: string,
      input: { serviceId: string; practitionerIds: string[] },
      m: RequestMeta,
    ): Promise<WalkIn> {
      if (!can(auth.principal, 'visit.manage', facilityId) && !can(auth.principal, 'visit.conduct', facilityId))
        throw new AppError('FORBIDDEN', { details: { permission: 'visit.manage', facilityId } });
      const svc = await service(db, input.serviceId);
      if (svc.facility_id !== facilityId)
        throw new AppError('VALIDATION_FAILED', {
          details: { issues: [{ field: 'serviceId', message: 'A service of this facility', code: 'invalid' }] },
        });
      const { rows: ok } = await db.query<{ id: string }>(
        `SELECT p.id FROM practitioner p JOIN practitioner_membership pm ON pm.practitioner_id = p.id AND pm.facility_id = $2
          WHERE p.id = ANY($1::uuid[]) AND p.profession = 'doctor' AND $3 = ANY(p.specialties)`,
        [input.practitionerIds, facilityId, svc.specialty],
      );
      if (ok.length !== new Set(input.practitionerIds).size) throw forbidden('outside_scope', { serviceSpecialty: svc.specialty });
      const { rows } = await db.query<{ id: string }>(
        'INSERT INTO walk_in (facility_id, service_id, practitioner_ids, opened_by) VALUES ($1, $2, $3, $4) RETURNING id',
        [facilityId, input.serviceId, input.practitionerIds, auth.user.id],
      );
      await audit.record(m, { action: 'walkin.open', outcome: 'success', entityType: 'walk_in', entityId: rows[0]!.id });
      return (await walkInView(db, rows[0]!.id))!;
    },

    async closeWalkIn(auth: AuthContext, id: string, m: RequestMeta): Promise<WalkIn> {
      const w = await walkInView(db, id);
      if (!w) throw new AppError('NOT_FOUND', { details: { entity: 'walk-in' } });
      if (!can(auth.principal, 'visit.manage', w.facility.id) && !can(auth.principal, 'visit.conduct', w.facility.id))
        throw new AppError('FORBIDDEN', { details: { permission: 'visit.manage' } });
      await db.query('UPDATE walk_in SET closed_at = now() WHERE id = $1 AND closed_at IS NULL', [id]);
      await audit.record(m, { action: 'walkin.close', outcome: 'success', entityType: 'walk_in', entityId: id });
      return (await walkInView(db, id))!;
    },

    async walkIns(facilityId: string | undefined): Promise<WalkIn[]> {
      const { rows } = await db.query<{ id: string }>(
        'SELECT id FROM walk_in WHERE closed_at IS NULL AND ($1::uuid IS NULL OR facility_id = $1) ORDER BY opened_at DESC LIMIT 50',
        [facilityId ?? null],
      );
      return (await Promise.all(rows.map((r) => walkInView(db, r.id)))).filter((x): x is WalkIn => x !== null);
    },

    async takeTicket(
      auth: AuthContext,
      walkInId: string,
      input: { patientId: string; conditionNo: number; reason: string },
      m: RequestMeta,
    ): Promise<Ticket> {
      const visitId = await refused(m, () =>
        db.tx(async (q) => {
          const { rows: w } = await q.query<{
            facility_id: string;
            service_id: string;
            practitioner_ids: string[];
            specialty: string;
            closed_at: Date | null;
          }>(
            `SELECT w.facility_id, w.service_id, w.practitioner_ids, s.specialty, w.closed_at
               FROM walk_in w JOIN visit_service s ON s.id = w.service_id WHERE w.id = $1 FOR UPDATE OF w`,
            [walkInId],
          );
          const clinic = w[0];
          if (!clinic) throw new AppError('NOT_FOUND', { details: { entity: 'walk-in' } });
          if (clinic.closed_at) throw new AppError('INVALID_STATE', { details: { reason: 'closed' } });
          await assertMayBook(q, auth, input.patientId);
          await legalGate(q, {
            conditionNo: input.conditionNo,
            serviceSpecialty: clinic.specialty,
            practitionerIds: clinic.practitioner_ids,
          });
          const { rowCount } = await q.query(
            `SELECT 1 FROM visit WHERE walk_in_id = $1 AND patient_id = $2 AND state IN ('waiting', 'in_progress')`,
            [walkInId, input.patientId],
          );
          if (rowCount) throw new AppError('CONFLICT', { details: { reason: 'already_in_queue' } });
          const { rows: n } = await q.query<{ next_number: number }>(
            'UPDATE walk_in SET next_number = next_number + 1 WHERE id = $1 RETURNING next_number',
            [walkInId],
          );
          const { rows } = await q.query<{ id: string }>(
            `INSERT INTO visit (kind, state, patient_id, booked_by, facility_id, service_id, walk_in_id, queue_number, condition_no, reason, retain_until)
             VALUES ('walk_in', 'waiting', $1, $2, $3, $4, $5, $6, $7, $8, now() + make_interval(years => $9)) RETURNING id`,
            [
              input.patientId,
              auth.user.id,
              clinic.facility_id,
              clinic.service_id,
              walkInId,
              n[0]!.next_number,
              input.conditionNo,
              input.reason,
              deps.retentionYears,
            ],
          );
          await audit.record(
            m,
            {
              action: 'walkin.ticket',
              outcome: 'success',
              entityType: 'visit',
              entityId: rows[0]!.id,
              subjectFacilityId: clinic.facility_id,
            },
            q,
          );
          return rows[0]!.id;
        }),
      );
      return this.ticket(auth, walkInId, visitId, m);
    },

    /** My place in the queue: people ahead of me and the expected wait (ahead × visit length ÷ doctors on duty). */
    async ticket(auth: AuthContext, walkInId: string, visitId: string, m: RequestMeta): Promise<Ticket> {
      const { v } = await visible(auth, visitId, m);
      if (v.walk_in_id !== walkInId) throw new AppError('NOT_FOUND', { details: { entity: 'ticket' } });
      const { rows } = await db.query<{ ahead: number; duration: number; doctors: number }>(
        `SELECT (SELECT count(*)::int FROM visit x WHERE x.walk_in_id = $1 AND x.state = 'waiting' AND x.queue_number < $2) AS ahead,
                s.duration_minutes AS duration, cardinality(w.practitioner_ids) AS doctors
           FROM walk_in w JOIN visit_service s ON s.id = w.service_id WHERE w.id = $1`,
        [walkInId, v.queue_number],
      );
      const r = rows[0]!;
      const ahead = v.state === 'waiting' ? r.ahead : 0;
      return {
        visitId,
        walkInId,
        number: v.queue_number ?? 0,
        state: v.state,
        ahead,
        expectedWaitMinutes: v.state === 'waiting' ? Math.ceil(((ahead + 1) * r.duration) / Math.max(1, r.doctors)) : 0,
      };
    },

    /** A doctor on duty calls the next patient: the lowest waiting number becomes their visit, in progress. */
    async callNext(auth: AuthContext, walkInId: string, m: RequestMeta): Promise<Visit> {
      const me = await myPractitioner(db, auth.user.id);
      const id = await db.tx(async (q) => {
        const { rows: w } = await q.query<{ facility_id: string; practitioner_ids: string[] }>(
          'SELECT facility_id, practitioner_ids FROM walk_in WHERE id = $1 FOR UPDATE',
          [walkInId],
        );
        const clinic = w[0];
        if (!clinic) throw new AppError('NOT_FOUND', { details: { entity: 'walk-in' } });
        if (!me || !clinic.practitioner_ids.includes(me) || !can(auth.principal, 'visit.conduct', clinic.facility_id))
          throw new AppError('FORBIDDEN', { details: { permission: 'visit.conduct', reason: 'not_on_duty' } });
        const { rows } = await q.query<{ id: string }>(
          `UPDATE visit SET state = 'in_progress', practitioner_id = $2, called_at = now(), starts_at = now()
            WHERE id = (SELECT id FROM visit WHERE walk_in_id = $1 AND state = 'waiting' ORDER BY queue_number LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING id`,
          [walkInId, me],
        );
        if (!rows[0]) throw new AppError('NOT_FOUND', { details: { entity: 'waiting patient' } });
        await audit.record(
          m,
          {
            action: 'walkin.call_next',
            outcome: 'success',
            entityType: 'visit',
            entityId: rows[0].id,
            subjectFacilityId: clinic.facility_id,
          },
          q,
        );
        return rows[0].id;
      });
      return visitView((await loadVisit(db, id))!);
    },
  };
}
export type WalkInsService = ReturnType<typeof createWalkInsService>;
