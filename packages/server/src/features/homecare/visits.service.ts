import {
  AppError,
  can,
  scopeOf,
  type ScheduleInput,
  type Slot,
  type Ticket,
  type Visit,
  type VisitNote,
  type VisitService,
  type WalkIn,
} from '@vuonxa/core';
import type { Db, Queryable } from '../../db/db.js';
import type { AuthContext, RequestMeta } from '../../http/context.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Clock } from '../auth/auth.service.js';
import { consentsInForce, relationTo } from './account.service.js';
import type { SmsGateway } from './sms.js';

/** Visit hours are Vietnam time (UTC+7, no daylight saving; Laos and Cambodia share it). */
const LOCAL_OFFSET = '+07:00';

const forbidden = (reason: string, extra: Record<string, unknown> = {}) => new AppError('FORBIDDEN', { details: { reason, ...extra } });

/**
 * The legal gate of patient-facing remote care: the condition must be on the Circular 30/2023/TT-BYT list (and
 * active), and within the doctor's scope of practice — a doctor whose registered specialties include the
 * condition's, for a service of that specialty. Checked at booking and again when the visit starts.
 */
export async function legalGate(
  q: Queryable,
  o: { conditionNo: number; serviceSpecialty: string; practitionerIds: string[] },
): Promise<{ name: string; specialty: string }> {
  const { rows } = await q.query<{ name: string; specialty: string | null; active: boolean }>(
    'SELECT name, specialty, active FROM remote_care_condition WHERE no = $1',
    [o.conditionNo],
  );
  const c = rows[0];
  if (!c || !c.active) throw forbidden('condition_not_listed', { conditionNo: o.conditionNo });
  if (!c.specialty || c.specialty !== o.serviceSpecialty)
    throw forbidden('outside_scope', { conditionSpecialty: c.specialty, serviceSpecialty: o.serviceSpecialty });
  const { rows: docs } = await q.query<{ id: string }>(
    `SELECT id FROM practitioner WHERE id = ANY($1::uuid[]) AND profession = 'doctor' AND $2 = ANY(specialties)`,
    [o.practitionerIds, c.specialty],
  );
  if (docs.length === 0) throw forbidden('outside_scope', { conditionSpecialty: c.specialty });
  return { name: c.name, specialty: c.specialty };
}

export interface VisitRow {
  id: string;
  kind: 'scheduled' | 'walk_in';
  state: Visit['state'];
  patient_id: string;
  patient_name: string;
  birth_date: string;
  practitioner_id: string | null;
  practitioner_name: string | null;
  facility_id: string;
  facility_name: string;
  service_id: string;
  service_name: string;
  specialty: string;
  fee_vnd: string;
  insurance_covered: boolean;
  condition_no: number;
  condition_name: string;
  reason: string;
  starts_at: Date | null;
  ends_at: Date | null;
  cancel_cutoff_hours: number | null;
  queue_number: number | null;
  created_at: Date;
  booked_by: string;
  slot_id: string | null;
  walk_in_id: string | null;
  room_id: string | null;
  started_at: Date | null;
  ended_at: Date | null;
  identity_confirmed_at: Date | null;
  consent_confirmed_at: Date | null;
  triage_at: Date | null;
  red_flags: string[];
  emergency_advice: string | null;
  channel: 'video' | 'audio' | 'message' | null;
  note: VisitNote | null;
  practitioner_user_id: string | null;
  kcb_code: string | null;
}

export const VISIT_SQL = `
  SELECT v.id, v.kind, v.state, v.patient_id, p.full_name AS patient_name, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date,
         v.practitioner_id, pr.full_name AS practitioner_name, v.facility_id, f.name AS facility_name,
         v.service_id, s.name AS service_name, s.specialty, s.fee_vnd, s.insurance_covered,
         v.condition_no, c.name AS condition_name, v.reason, v.starts_at, v.ends_at, v.cancel_cutoff_hours, v.queue_number,
         v.created_at, v.booked_by, v.slot_id, v.walk_in_id, v.room_id, v.started_at, v.ended_at, v.identity_confirmed_at,
         v.consent_confirmed_at, v.triage_at, v.red_flags, v.emergency_advice, v.channel, v.note, pr.user_id AS practitioner_user_id,
         f.kcb_code
    FROM visit v
    JOIN patient p ON p.id = v.patient_id
    JOIN facility f ON f.id = v.facility_id
    JOIN visit_service s ON s.id = v.service_id
    JOIN remote_care_condition c ON c.no = v.condition_no
    LEFT JOIN practitioner pr ON pr.id = v.practitioner_id`;

export function visitView(r: VisitRow): Visit {
  const until = r.starts_at && r.cancel_cutoff_hours !== null ? new Date(r.starts_at.getTime() - r.cancel_cutoff_hours * 3_600_000) : null;
  return {
    id: r.id,
    kind: r.kind,
    state: r.state,
    patient: { id: r.patient_id, name: r.patient_name, birthDate: r.birth_date },
    practitioner: r.practitioner_id ? { id: r.practitioner_id, name: r.practitioner_name ?? '' } : null,
    facility: { id: r.facility_id, name: r.facility_name },
    service: {
      id: r.service_id,
      name: r.service_name,
      specialty: r.specialty,
      feeVnd: Number(r.fee_vnd),
      insuranceCovered: r.insurance_covered,
    },
    condition: { no: r.condition_no, name: r.condition_name },
    reason: r.reason,
    startsAt: r.starts_at?.toISOString() ?? null,
    endsAt: r.ends_at?.toISOString() ?? null,
    changeableUntil: until?.toISOString() ?? null,
    queueNumber: r.queue_number,
    walkInId: r.walk_in_id,
    createdAt: r.created_at.toISOString(),
  };
}

/** The practitioner record of the signed-in staff member, if any. */
export async function myPractitioner(q: Queryable, userId: string): Promise<string | null> {
  const { rows } = await q.query<{ id: string }>('SELECT id FROM practitioner WHERE user_id = $1', [userId]);
  return rows[0]?.id ?? null;
}

export async function loadVisit(q: Queryable, id: string, lock = false): Promise<VisitRow | null> {
  const { rows } = await q.query<VisitRow>(`${VISIT_SQL} WHERE v.id = $1${lock ? ' FOR UPDATE OF v' : ''}`, [id]);
  return rows[0] ?? null;
}

/** Who may see a visit: the account acting for the patient, its doctor, the facility's home-care staff. */
export async function visitPart(q: Queryable, auth: AuthContext, v: VisitRow): Promise<'patient' | 'doctor' | 'staff' | null> {
  if (await relationTo(q, auth.user.id, v.patient_id)) return 'patient';
  const me = await myPractitioner(q, auth.user.id);
  if (me && v.practitioner_id === me && can(auth.principal, 'visit.conduct', v.facility_id)) return 'doctor';
  if (can(auth.principal, 'visit.manage', v.facility_id)) return 'staff';
  return null;
}

/** "2026-12-01" + "08:30" in Vietnam time → the instant. */
function localInstant(date: string, time: string): Date {
  return new Date(`${date}T${time}:00${LOCAL_OFFSET}`);
}

/** The ISO weekday (1 = Monday) of a calendar date. */
function isoWeekday(date: string): number {
  const d = new Date(`${date}T12:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

function* days(from: string, to: string): Generator<string> {
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000)
    yield new Date(t).toISOString().slice(0, 10);
}

/**
 * The slots a schedule makes: on each chosen weekday from `from` to `to` (holidays skipped), back to back from
 * `startTime` with `bufferMinutes` between them, each `slotMinutes` long, none ending after `endTime`, at most
 * `maxPerDay` a day, none in the past.
 */
export function planSlots(
  rule: Pick<ScheduleInput, 'from' | 'to' | 'weekdays' | 'startTime' | 'endTime' | 'bufferMinutes' | 'maxPerDay'> & { slotMinutes: number },
  holidays: ReadonlySet<string>,
  now: number,
): { slots: { startsAt: Date; endsAt: Date }[]; skippedHolidays: string[] } {
  const slots: { startsAt: Date; endsAt: Date }[] = [];
  const skippedHolidays: string[] = [];
  for (const day of days(rule.from, rule.to)) {
    if (!rule.weekdays.includes(isoWeekday(day))) continue;
    if (holidays.has(day)) {
      skippedHolidays.push(day);
      continue;
    }
    const end = localInstant(day, rule.endTime).getTime();
    let t = localInstant(day, rule.startTime).getTime();
    let n = 0;
    while (n < rule.maxPerDay && t + rule.slotMinutes * 60_000 <= end) {
      if (t > now) slots.push({ startsAt: new Date(t), endsAt: new Date(t + rule.slotMinutes * 60_000) });
      n += 1;
      t += (rule.slotMinutes + rule.bufferMinutes) * 60_000;
    }
  }
  return { slots, skippedHolidays };
}

/**
 * Services and fees, doctors' visit hours and holidays, booking within the rules (the legal gate, consents, the
 * cancellation cut-off), the walk-in virtual clinic, and reminders before visits.
 */
export function createVisitsService(deps: { db: Db; audit: AuditService; clock: Clock; sms: SmsGateway; retentionYears: number }) {
  const { db, audit, clock, sms } = deps;

  async function service(q: Queryable, id: string) {
    const { rows } = await q.query<{ id: string; facility_id: string; specialty: string; duration_minutes: number; active: boolean }>(
      'SELECT id, facility_id, specialty, duration_minutes, active FROM visit_service WHERE id = $1',
      [id],
    );
    const s = rows[0];
    if (!s || !s.active) throw new AppError('NOT_FOUND', { details: { entity: 'service' } });
    return s;
  }

  const partIn = (auth: AuthContext, v: VisitRow) => visitPart(db, auth, v);

  async function visible(auth: AuthContext, id: string, m: RequestMeta) {
    const v = await loadVisit(db, id);
    const part = v ? await partIn(auth, v) : null;
    if (!v || !part) {
      if (v) await audit.record(m, { action: 'access.denied', outcome: 'denied', entityType: 'visit', entityId: id });
      throw new AppError('NOT_FOUND', { details: { entity: 'visit' } });
    }
    return { v, part };
  }

  /** The booking checks shared by a new booking and a move: the person, the consents, the legal gate. */
  async function assertMayBook(q: Queryable, auth: AuthContext, patientId: string) {
    if (!(await relationTo(q, auth.user.id, patientId))) throw forbidden('not_your_patient');
    const consents = await consentsInForce(q, auth.user.id);
    const missing = Object.entries(consents)
      .filter(([, ok]) => !ok)
      .map(([k]) => k);
    if (missing.length > 0) throw forbidden('consent_missing', { missing });
  }

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

  /** Refusals at booking are audited with their reason (the ministry asks how often the gate turns people away). */
  async function refused<T>(m: RequestMeta, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if (err instanceof AppError && err.code === 'FORBIDDEN')
        await audit.record(m, {
          action: 'visit.refused',
          outcome: 'denied',
          entityType: 'visit',
          details: err.details as Record<string, string | number | boolean | null>,
        });
      throw err;
    }
  }

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

    // ——— Walk-in virtual clinic ———

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
        const { rows } = await db.query<{ id: string; phone: string | null; starts_at: Date; facility: string }>(
          `UPDATE visit v SET ${col} = now() FROM app_user u, facility f
            WHERE u.id = v.booked_by AND f.id = v.facility_id AND v.state = 'booked' AND v.${col} IS NULL
              AND v.starts_at > to_timestamp($1 / 1000.0) + make_interval(hours => $3)
              AND v.starts_at <= to_timestamp($1 / 1000.0) + make_interval(hours => $2)
          RETURNING v.id, u.phone, v.starts_at, f.name AS facility`,
          [clock.now(), within, after],
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
