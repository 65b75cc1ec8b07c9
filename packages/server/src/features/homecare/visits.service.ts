import { AppError, can, scopeOf, type ScheduleInput, type Slot, type Visit, type VisitService } from '@vuonxa/core';
import type { Db, Queryable } from '../../db/db.js';
import type { AuthContext, RequestMeta } from '../../http/context.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Clock } from '../auth/auth.service.js';
import type { SmsGateway } from './sms.js';
import { planSlots } from './slot-plan.js';
import type { NotificationsService } from '../notifications/notifications.service.js';
import {
  activeService,
  assertMayBook,
  auditRefusals,
  forbidden,
  legalGate,
  loadVisit,
  LOCAL_OFFSET,
  myPractitioner,
  visibleVisit,
  visitView,
  VISIT_SQL,
  type VisitRow,
} from './visit-access.js';

/**
 * Services and fees, doctors' visit hours and holidays, booking within the rules (the legal gate, consents, the
 * cancellation cut-off), the walk-in virtual clinic, and reminders before visits.
 */
export function createVisitsService(deps: {
  db: Db;
  audit: AuditService;
  clock: Clock;
  sms: SmsGateway;
  retentionYears: number;
  /** In-app reminders next to the texts (the bell of the account that booked). */
  notifications?: NotificationsService;
}) {
  const { db, audit, clock, sms } = deps;
  const service = activeService;
  const visible = (auth: AuthContext, id: string, m: RequestMeta) => visibleVisit(db, audit, auth, id, m);
  const refused = <T>(m: RequestMeta, run: () => Promise<T>) => auditRefusals(audit, m, run);

  /** Takes an open future slot (atomically) and checks the patient has nothing else at that time. */
  async function takeSlot(q: Queryable, slotId: string, patientId: string, exceptVisit: string | null) {
    const { rows } = await q.query<{
      id: string;
      practitioner_id: string;
      facility_id: string;
      service_id: string;
      starts_at: Date;
      ends_at: Date;
      cancel_cutoff_hours: number;
      status: string;
    }>('SELECT * FROM visit_slot WHERE id = $1 FOR UPDATE', [slotId]);
    const slot = rows[0];
    if (!slot) throw new AppError('NOT_FOUND', { details: { entity: 'slot' } });
    if (slot.starts_at.getTime() <= clock.now()) throw new AppError('INVALID_STATE', { details: { reason: 'slot_past' } });
    if (slot.status !== 'open') throw new AppError('CONFLICT', { details: { reason: 'slot_taken' } });
    const { rowCount } = await q.query(
      `SELECT 1 FROM visit WHERE patient_id = $1 AND state IN ('booked', 'waiting', 'in_progress') AND id IS DISTINCT FROM $4
          AND starts_at < $3 AND ends_at > $2`,
      [patientId, slot.starts_at, slot.ends_at, exceptVisit],
    );
    if (rowCount) throw new AppError('CONFLICT', { details: { reason: 'overlap' } });
    await q.query(`UPDATE visit_slot SET status = 'booked' WHERE id = $1`, [slotId]);
    return slot;
  }

  return {
    legalGate: (o: Parameters<typeof legalGate>[1]) => legalGate(db, o),

    async conditions() {
      const { rows } = await db.query<{
        no: number;
        specialty: string | null;
        specialty_vi: string;
        name: string;
        icd10_codes: string[];
        active: boolean;
      }>('SELECT no, specialty, specialty_vi, name, icd10_codes, active FROM remote_care_condition WHERE active ORDER BY no');
      return rows.map((r) => ({
        no: r.no,
        specialty: r.specialty as never,
        specialtyVi: r.specialty_vi,
        name: r.name,
        icd10Codes: r.icd10_codes,
        active: r.active,
      }));
    },

    async createService(
      auth: AuthContext,
      facilityId: string,
      input: { name: string; specialty: string; durationMinutes: number; feeVnd: number; insuranceCovered: boolean },
      m: RequestMeta,
    ): Promise<VisitService> {
      if (!can(auth.principal, 'visit.manage', facilityId))
        throw new AppError('FORBIDDEN', { details: { permission: 'visit.manage', facilityId } });
      const { rows } = await db.query<{ id: string; name: string }>(
        `INSERT INTO visit_service (facility_id, name, specialty, duration_minutes, fee_vnd, insurance_covered)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, (SELECT name FROM facility WHERE id = $1) AS name`,
        [facilityId, input.name, input.specialty, input.durationMinutes, input.feeVnd, input.insuranceCovered],
      );
      await audit.record(m, { action: 'visit.service_manage', outcome: 'success', entityType: 'visit_service', entityId: rows[0]!.id });
      return { id: rows[0]!.id, facility: { id: facilityId, name: rows[0]!.name }, active: true, ...input } as VisitService;
    },

    async services(o: { specialty?: string | undefined; facilityId?: string | undefined }): Promise<VisitService[]> {
      const { rows } = await db.query<{
        id: string;
        facility_id: string;
        facility_name: string;
        name: string;
        specialty: string;
        duration_minutes: number;
        fee_vnd: string;
        insurance_covered: boolean;
        active: boolean;
      }>(
        `SELECT s.id, s.facility_id, f.name AS facility_name, s.name, s.specialty, s.duration_minutes, s.fee_vnd, s.insurance_covered, s.active
           FROM visit_service s JOIN facility f ON f.id = s.facility_id
          WHERE s.active AND ($1::text IS NULL OR s.specialty = $1) AND ($2::uuid IS NULL OR s.facility_id = $2)
          ORDER BY f.name, s.name LIMIT 200`,
        [o.specialty ?? null, o.facilityId ?? null],
      );
      return rows.map((r) => ({
        id: r.id,
        facility: { id: r.facility_id, name: r.facility_name },
        name: r.name,
        specialty: r.specialty as never,
        durationMinutes: r.duration_minutes,
        feeVnd: Number(r.fee_vnd),
        insuranceCovered: r.insurance_covered,
        active: r.active,
      }));
    },

    async addHoliday(auth: AuthContext, facilityId: string, date: string, name: string, m: RequestMeta) {
      if (!can(auth.principal, 'visit.manage', facilityId))
        throw new AppError('FORBIDDEN', { details: { permission: 'visit.manage', facilityId } });
      const blocked = await db.tx(async (q) => {
        await q.query(
          'INSERT INTO facility_holiday (facility_id, date, name) VALUES ($1, $2, $3) ON CONFLICT (facility_id, date) DO UPDATE SET name = $3',
          [facilityId, date, name],
        );
        // Open slots that day close; booked ones stay for the staff to move (they are listed to them).
        const res = await q.query(
          `UPDATE visit_slot SET status = 'blocked' WHERE facility_id = $1 AND status = 'open'
              AND (starts_at AT TIME ZONE '${LOCAL_OFFSET}')::date = $2::date`,
          [facilityId, date],
        );
        return res.rowCount ?? 0;
      });
      await audit.record(m, {
        action: 'visit.holiday_add',
        outcome: 'success',
        entityType: 'facility',
        entityId: facilityId,
        details: { date },
      });
      return { date, name, blockedSlots: blocked };
    },

    /** A doctor publishes their own hours (at a facility where they conduct visits), or the facility's admin does. */
    async publishSchedule(auth: AuthContext, input: ScheduleInput, m: RequestMeta) {
      const svc = await service(db, input.serviceId);
      if (svc.facility_id !== input.facilityId)
        throw new AppError('VALIDATION_FAILED', {
          details: { issues: [{ field: 'serviceId', message: 'A service of this facility', code: 'invalid' }] },
        });
      const mine =
        (await myPractitioner(db, auth.user.id)) === input.practitionerId && can(auth.principal, 'visit.conduct', input.facilityId);
      if (!mine && !can(auth.principal, 'visit.manage', input.facilityId))
        throw new AppError('FORBIDDEN', { details: { permission: 'visit.manage', facilityId: input.facilityId } });
      const { rowCount: member } = await db.query('SELECT 1 FROM practitioner_membership WHERE practitioner_id = $1 AND facility_id = $2', [
        input.practitionerId,
        input.facilityId,
      ]);
      if (!member)
        throw new AppError('VALIDATION_FAILED', {
          details: { issues: [{ field: 'practitionerId', message: 'Not a practitioner of this facility', code: 'invalid' }] },
        });
      // Only within the doctor's scope of practice: a doctor registered in the service's specialty.
      const { rowCount: inScope } = await db.query(
        `SELECT 1 FROM practitioner WHERE id = $1 AND profession = 'doctor' AND $2 = ANY(specialties)`,
        [input.practitionerId, svc.specialty],
      );
      if (!inScope) throw forbidden('outside_scope', { serviceSpecialty: svc.specialty });
      const { rows: hol } = await db.query<{ d: string }>(
        `SELECT to_char(date, 'YYYY-MM-DD') AS d FROM facility_holiday WHERE facility_id = $1 AND date BETWEEN $2 AND $3`,
        [input.facilityId, input.from, input.to],
      );
      const slotMinutes = input.slotMinutes ?? svc.duration_minutes;
      const plan = planSlots({ ...input, slotMinutes }, new Set(hol.map((h) => h.d)), clock.now());
      const out = await db.tx(async (q) => {
        const { rows } = await q.query<{ id: string }>(
          `INSERT INTO visit_schedule (practitioner_id, facility_id, service_id, rule, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
          [input.practitionerId, input.facilityId, input.serviceId, JSON.stringify({ ...input, slotMinutes }), auth.user.id],
        );
        const id = rows[0]!.id;
        // The doctor's existing slots at those times stay (no double slots): ON CONFLICT skips them.
        const res = await q.query(
          `INSERT INTO visit_slot (schedule_id, practitioner_id, facility_id, service_id, starts_at, ends_at, cancel_cutoff_hours)
           SELECT $1, $2, $3, $4, t.s, t.e, $7 FROM unnest($5::timestamptz[], $6::timestamptz[]) AS t(s, e)
           ON CONFLICT (practitioner_id, starts_at) DO NOTHING`,
          [
            id,
            input.practitionerId,
            input.facilityId,
            input.serviceId,
            plan.slots.map((x) => x.startsAt),
            plan.slots.map((x) => x.endsAt),
            input.cancelCutoffHours,
          ],
        );
        return { id, slots: res.rowCount ?? 0 };
      });
      await audit.record(m, {
        action: 'visit.schedule_publish',
        outcome: 'success',
        entityType: 'visit_schedule',
        entityId: out.id,
        details: { slots: out.slots },
      });
      return { ...out, skippedHolidays: plan.skippedHolidays };
    },

    async slots(o: {
      serviceId?: string | undefined;
      practitionerId?: string | undefined;
      facilityId?: string | undefined;
      specialty?: string | undefined;
      from?: string | undefined;
      to?: string | undefined;
      limit: number;
    }): Promise<Slot[]> {
      const { rows } = await db.query<{
        id: string;
        starts_at: Date;
        ends_at: Date;
        practitioner_id: string;
        practitioner_name: string;
        facility_id: string;
        facility_name: string;
        service_id: string;
        service_name: string;
        specialty: string;
        fee_vnd: string;
        insurance_covered: boolean;
      }>(
        `SELECT sl.id, sl.starts_at, sl.ends_at, sl.practitioner_id, pr.full_name AS practitioner_name, sl.facility_id, f.name AS facility_name,
                sl.service_id, s.name AS service_name, s.specialty, s.fee_vnd, s.insurance_covered
           FROM visit_slot sl JOIN practitioner pr ON pr.id = sl.practitioner_id JOIN facility f ON f.id = sl.facility_id
           JOIN visit_service s ON s.id = sl.service_id
          WHERE sl.status = 'open' AND sl.starts_at > greatest(to_timestamp($1 / 1000.0), coalesce($2::timestamptz, '-infinity'))
            AND ($3::timestamptz IS NULL OR sl.starts_at < $3) AND ($4::uuid IS NULL OR sl.service_id = $4)
            AND ($5::uuid IS NULL OR sl.practitioner_id = $5) AND ($6::uuid IS NULL OR sl.facility_id = $6)
            AND ($7::text IS NULL OR s.specialty = $7) AND s.active
          ORDER BY sl.starts_at, pr.full_name LIMIT $8`,
        [
          clock.now(),
          o.from ?? null,
          o.to ?? null,
          o.serviceId ?? null,
          o.practitionerId ?? null,
          o.facilityId ?? null,
          o.specialty ?? null,
          o.limit,
        ],
      );
      return rows.map((r) => ({
        id: r.id,
        startsAt: r.starts_at.toISOString(),
        endsAt: r.ends_at.toISOString(),
        practitioner: { id: r.practitioner_id, name: r.practitioner_name },
        facility: { id: r.facility_id, name: r.facility_name },
        service: {
          id: r.service_id,
          name: r.service_name,
          specialty: r.specialty,
          feeVnd: Number(r.fee_vnd),
          insuranceCovered: r.insurance_covered,
        },
      }));
    },

    async book(
      auth: AuthContext,
      input: { slotId: string; patientId: string; conditionNo: number; reason: string },
      m: RequestMeta,
    ): Promise<Visit> {
      const id = await refused(m, () =>
        db.tx(async (q) => {
          const { rows: s } = await q.query<{ practitioner_id: string; specialty: string }>(
            'SELECT sl.practitioner_id, s.specialty FROM visit_slot sl JOIN visit_service s ON s.id = sl.service_id WHERE sl.id = $1',
            [input.slotId],
          );
          if (!s[0]) throw new AppError('NOT_FOUND', { details: { entity: 'slot' } });
          await assertMayBook(q, auth, input.patientId);
          await legalGate(q, { conditionNo: input.conditionNo, serviceSpecialty: s[0].specialty, practitionerIds: [s[0].practitioner_id] });
          const slot = await takeSlot(q, input.slotId, input.patientId, null);
          const { rows } = await q.query<{ id: string }>(
            `INSERT INTO visit (kind, state, patient_id, booked_by, practitioner_id, facility_id, service_id, slot_id, condition_no, reason,
                                starts_at, ends_at, cancel_cutoff_hours, retain_until)
             VALUES ('scheduled', 'booked', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now() + make_interval(years => $12)) RETURNING id`,
            [
              input.patientId,
              auth.user.id,
              slot.practitioner_id,
              slot.facility_id,
              slot.service_id,
              slot.id,
              input.conditionNo,
              input.reason,
              slot.starts_at,
              slot.ends_at,
              slot.cancel_cutoff_hours,
              deps.retentionYears,
            ],
          );
          await audit.record(
            m,
            { action: 'visit.book', outcome: 'success', entityType: 'visit', entityId: rows[0]!.id, subjectFacilityId: slot.facility_id },
            q,
          );
          return rows[0]!.id;
        }),
      );
      return visitView((await loadVisit(db, id))!);
    },

    async list(
      auth: AuthContext,
      o: {
        scope: 'mine' | 'practitioner' | 'facility';
        facilityId?: string | undefined;
        from?: string | undefined;
        to?: string | undefined;
        limit: number;
      },
    ) {
      const params: unknown[] = [];
      let where: string;
      if (o.scope === 'mine')
        where = `v.patient_id IN (SELECT patient_id FROM patient_account WHERE user_id = $${params.push(auth.user.id)})`;
      else if (o.scope === 'practitioner') {
        const me = await myPractitioner(db, auth.user.id);
        if (!me) return [];
        where = `v.practitioner_id = $${params.push(me)} AND v.facility_id = ANY($${params.push(scopeOf(auth.principal, 'visit.conduct') === 'all' ? [] : scopeOf(auth.principal, 'visit.conduct'))}::uuid[])`;
      } else {
        if (!o.facilityId || !can(auth.principal, 'visit.manage', o.facilityId))
          throw new AppError('FORBIDDEN', { details: { permission: 'visit.manage', facilityId: o.facilityId ?? null } });
        where = `v.facility_id = $${params.push(o.facilityId)}`;
      }
      if (o.from) where += ` AND coalesce(v.starts_at, v.created_at) >= $${params.push(o.from)}`;
      if (o.to) where += ` AND coalesce(v.starts_at, v.created_at) < $${params.push(o.to)}`;
      const { rows } = await db.query<VisitRow>(
        `${VISIT_SQL} WHERE ${where} ORDER BY coalesce(v.starts_at, v.created_at) DESC LIMIT ${o.limit}`,
        params,
      );
      return rows.map(visitView);
    },

    async cancel(auth: AuthContext, id: string, reason: string | undefined, m: RequestMeta): Promise<Visit> {
      const { v, part } = await visible(auth, id, m);
      await db.tx(async (q) => {
        const cur = (await loadVisit(q, id, true))!;
        if (!['booked', 'waiting'].includes(cur.state))
          throw new AppError('INVALID_STATE', { details: { reason: 'not_cancellable', state: cur.state } });
        const until =
          cur.starts_at && cur.cancel_cutoff_hours !== null ? cur.starts_at.getTime() - cur.cancel_cutoff_hours * 3_600_000 : null;
        if (part === 'patient' && until !== null && clock.now() > until)
          throw new AppError('INVALID_STATE', { details: { reason: 'cutoff_passed', changeableUntil: new Date(until).toISOString() } });
        await q.query(`UPDATE visit SET state = 'cancelled', cancelled_at = now(), cancel_reason = $2 WHERE id = $1`, [id, reason ?? null]);
        if (cur.slot_id) await q.query(`UPDATE visit_slot SET status = 'open' WHERE id = $1 AND starts_at > now()`, [cur.slot_id]);
        await audit.record(
          m,
          {
            action: 'visit.cancel',
            outcome: 'success',
            entityType: 'visit',
            entityId: id,
            subjectFacilityId: v.facility_id,
            details: { by: part },
          },
          q,
        );
      });
      return visitView((await loadVisit(db, id))!);
    },

    async reschedule(auth: AuthContext, id: string, slotId: string, m: RequestMeta): Promise<Visit> {
      const { v, part } = await visible(auth, id, m);
      await refused(m, () =>
        db.tx(async (q) => {
          const cur = (await loadVisit(q, id, true))!;
          if (cur.state !== 'booked' || cur.kind !== 'scheduled')
            throw new AppError('INVALID_STATE', { details: { reason: 'not_movable', state: cur.state } });
          const until = cur.starts_at!.getTime() - (cur.cancel_cutoff_hours ?? 0) * 3_600_000;
          if (part === 'patient' && clock.now() > until)
            throw new AppError('INVALID_STATE', { details: { reason: 'cutoff_passed', changeableUntil: new Date(until).toISOString() } });
          const { rows: s } = await q.query<{ practitioner_id: string; specialty: string }>(
            'SELECT sl.practitioner_id, s.specialty FROM visit_slot sl JOIN visit_service s ON s.id = sl.service_id WHERE sl.id = $1',
            [slotId],
          );
          if (!s[0]) throw new AppError('NOT_FOUND', { details: { entity: 'slot' } });
          await legalGate(q, { conditionNo: cur.condition_no, serviceSpecialty: s[0].specialty, practitionerIds: [s[0].practitioner_id] });
          const slot = await takeSlot(q, slotId, cur.patient_id, id);
          await q.query(`UPDATE visit_slot SET status = 'open' WHERE id = $1 AND starts_at > now()`, [cur.slot_id]);
          await q.query(
            `UPDATE visit SET slot_id = $2, practitioner_id = $3, facility_id = $4, service_id = $5, starts_at = $6, ends_at = $7,
                    cancel_cutoff_hours = $8, reminded_day_at = NULL, reminded_hour_at = NULL WHERE id = $1`,
            [id, slot.id, slot.practitioner_id, slot.facility_id, slot.service_id, slot.starts_at, slot.ends_at, slot.cancel_cutoff_hours],
          );
          await audit.record(
            m,
            {
              action: 'visit.reschedule',
              outcome: 'success',
              entityType: 'visit',
              entityId: id,
              subjectFacilityId: v.facility_id,
              details: { by: part },
            },
            q,
          );
        }),
      );
      return visitView((await loadVisit(db, id))!);
    },

    /**
     * SMS reminders a day and an hour before each booked visit, sent once each to the phone of the account that
     * booked it (no health data in the text: the time and the facility only). Returns how many were sent.
     */
    async remindUpcoming(): Promise<number> {
      let sent = 0;
      // The day's reminder only for visits more than 2 hours away (closer ones get the hour's only).
      for (const [col, after, within, label] of [
        ['reminded_day_at', 2, 24, 'sap toi'],
        ['reminded_hour_at', 0, 1, 'trong 1 gio toi'],
      ] as const) {
        const { rows } = await db.query<{ id: string; booked_by: string; phone: string | null; starts_at: Date; facility: string }>(
          `UPDATE visit v SET ${col} = now() FROM app_user u, facility f
            WHERE u.id = v.booked_by AND f.id = v.facility_id AND v.state = 'booked' AND v.${col} IS NULL
              AND v.starts_at > to_timestamp($1 / 1000.0) + make_interval(hours => $3)
              AND v.starts_at <= to_timestamp($1 / 1000.0) + make_interval(hours => $2)
          RETURNING v.id, v.booked_by, u.phone, v.starts_at, f.name AS facility`,
          [clock.now(), within, after],
        );
        await deps.notifications?.notify(
          rows.map((r) => ({ userIds: [r.booked_by], kind: 'visit.reminder' as const, visitId: r.id, ref: r.starts_at.toISOString() })),
        );
        for (const r of rows) {
          if (!r.phone) continue;
          const at = r.starts_at.toLocaleString('vi-VN', {
            timeZone: 'Asia/Ho_Chi_Minh',
            hour: '2-digit',
            minute: '2-digit',
            day: '2-digit',
            month: '2-digit',
          });
          await sms.send(r.phone, `Vuon Xa: ban co lich kham tu xa ${label} luc ${at} (${r.facility}). Mo ung dung de vao phong cho.`);
          sent += 1;
        }
      }
      return sent;
    },
  };
}
export type VisitsService = ReturnType<typeof createVisitsService>;
