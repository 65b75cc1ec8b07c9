import { AppError, can, type Visit, type VisitNote } from '@vuonxa/core';
import type { Queryable } from '../../db/db.js';
import type { AuthContext, RequestMeta } from '../../http/context.js';
import type { AuditService } from '../audit/audit.service.js';
import { consentsInForce, relationTo } from './account.service.js';

// A visit as every part of home care reads it: the row, its view, who may see it, and the legal gate.

/** Visit hours are Vietnam time (UTC+7, no daylight saving; Laos and Cambodia share it). */
export const LOCAL_OFFSET = '+07:00';

export const forbidden = (reason: string, extra: Record<string, unknown> = {}) =>
  new AppError('FORBIDDEN', { details: { reason, ...extra } });

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

/** A service that exists and is offered. */
export async function activeService(q: Queryable, id: string) {
  const { rows } = await q.query<{ id: string; facility_id: string; specialty: string; duration_minutes: number; active: boolean }>(
    'SELECT id, facility_id, specialty, duration_minutes, active FROM visit_service WHERE id = $1',
    [id],
  );
  const s = rows[0];
  if (!s || !s.active) throw new AppError('NOT_FOUND', { details: { entity: 'service' } });
  return s;
}

/** The visit, if the caller has a part in it (else NOT_FOUND, and the attempt is audited), with that part. */
export async function visibleVisit(db: Queryable, audit: AuditService, auth: AuthContext, id: string, m: RequestMeta) {
  const v = await loadVisit(db, id);
  const part = v ? await visitPart(db, auth, v) : null;
  if (!v || !part) {
    if (v) await audit.record(m, { action: 'access.denied', outcome: 'denied', entityType: 'visit', entityId: id });
    throw new AppError('NOT_FOUND', { details: { entity: 'visit' } });
  }
  return { v, part };
}

/** The booking checks shared by a new booking and a move: the person, the consents, the legal gate. */
export async function assertMayBook(q: Queryable, auth: AuthContext, patientId: string) {
  if (!(await relationTo(q, auth.user.id, patientId))) throw forbidden('not_your_patient');
  const consents = await consentsInForce(q, auth.user.id);
  const missing = Object.entries(consents)
    .filter(([, ok]) => !ok)
    .map(([k]) => k);
  if (missing.length > 0) throw forbidden('consent_missing', { missing });
}

/** Refusals at booking are audited with their reason (the ministry asks how often the gate turns people away). */
export async function auditRefusals<T>(audit: AuditService, m: RequestMeta, run: () => Promise<T>): Promise<T> {
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
