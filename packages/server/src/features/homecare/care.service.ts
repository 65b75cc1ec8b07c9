import { randomBytes, randomInt } from 'node:crypto';
import { AppError, fieldError, foldText, type Payment, type Prescription, type VisitDetail, type VisitNote } from '@vuonxa/core';
import type { Db } from '../../db/db.js';
import type { AuthContext, RequestMeta } from '../../http/context.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Clock } from '../auth/auth.service.js';
import { createPayments, paymentView, requestPayment } from './payments.js';
import { legalGate, loadVisit, visibleVisit, visitView, type VisitRow } from './visit-access.js';
import type { NotificationsService } from '../notifications/notifications.service.js';

/** A scheduled visit's room opens this long before its time (the doctor may start a little early). */
const EARLY_START_MS = 30 * 60_000;
/** A prescription may still be written this long after the visit ended. */
const PRESCRIBE_AFTER_MS = 24 * 3_600_000;
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * The visit as Official Dispatch 7946/BYT-KCB lays it out — start (the legal gate again), identity and consent
 * confirmed, red-flag triage, the note, the end — then the e-prescription (no controlled substances remotely,
 * national code format), the payment by VietQR (payments.ts), and the patient's record and export.
 */
export function createCareService(deps: {
  db: Db;
  audit: AuditService;
  clock: Clock;
  retentionYears: number;
  /** Tells the patient's account when the doctor opens the visit. */
  notifications?: NotificationsService;
}) {
  const { db, audit, clock } = deps;

  const visible = (auth: AuthContext, id: string, m: RequestMeta) => visibleVisit(db, audit, auth, id, m);

  async function asDoctor(auth: AuthContext, id: string, m: RequestMeta) {
    const out = await visible(auth, id, m);
    if (out.part !== 'doctor') throw new AppError('FORBIDDEN', { details: { permission: 'visit.conduct', reason: 'not_the_doctor' } });
    return out.v;
  }

  const invalid = (reason: string, extra: Record<string, unknown> = {}) => new AppError('INVALID_STATE', { details: { reason, ...extra } });

  async function detail(auth: AuthContext, v: VisitRow, part: string): Promise<VisitDetail> {
    const { rows } = await db.query<{ prescription: string | null; payment: string | null }>(
      `SELECT (SELECT id FROM prescription WHERE visit_id = $1) AS prescription, (SELECT id FROM payment WHERE visit_id = $1) AS payment`,
      [v.id],
    );
    return {
      ...visitView(v),
      roomId: v.room_id,
      steps: {
        identityConfirmedAt: v.identity_confirmed_at?.toISOString() ?? null,
        consentConfirmedAt: v.consent_confirmed_at?.toISOString() ?? null,
        triageAt: v.triage_at?.toISOString() ?? null,
        redFlags: v.red_flags,
        emergencyAdvice: v.emergency_advice,
        channel: v.channel,
      },
      note: v.note,
      startedAt: v.started_at?.toISOString() ?? null,
      endedAt: v.ended_at?.toISOString() ?? null,
      canConduct: part === 'doctor' && v.state === 'in_progress',
      prescriptionId: rows[0]?.prescription ?? null,
      paymentId: rows[0]?.payment ?? null,
    };
  }

  async function reload(auth: AuthContext, id: string, part: string) {
    return detail(auth, (await loadVisit(db, id))!, part);
  }

  const payments = createPayments({ db, audit, clock });

  return {
    ...payments,

    async get(auth: AuthContext, id: string, m: RequestMeta): Promise<VisitDetail> {
      const { v, part } = await visible(auth, id, m);
      await audit.record(m, {
        action: 'visit.read',
        outcome: 'success',
        entityType: 'visit',
        entityId: id,
        subjectFacilityId: v.facility_id,
      });
      return detail(auth, v, part);
    },

    /** The doctor opens the visit: the legal gate is checked again, and the video room is made. */
    async start(auth: AuthContext, id: string, m: RequestMeta): Promise<VisitDetail> {
      const v = await asDoctor(auth, id, m);
      if (!['booked', 'waiting', 'in_progress'].includes(v.state)) throw invalid('not_startable', { state: v.state });
      if (v.starts_at && v.state === 'booked' && clock.now() < v.starts_at.getTime() - EARLY_START_MS)
        throw invalid('too_early', { opensAt: new Date(v.starts_at.getTime() - EARLY_START_MS).toISOString() });
      await legalGate(db, { conditionNo: v.condition_no, serviceSpecialty: v.specialty, practitionerIds: [v.practitioner_id!] });
      await db.query(
        `UPDATE visit SET state = 'in_progress', started_at = coalesce(started_at, now()), room_id = coalesce(room_id, $2) WHERE id = $1`,
        [id, `vx-${randomBytes(12).toString('base64url')}`],
      );
      await audit.record(m, {
        action: 'visit.start',
        outcome: 'success',
        entityType: 'visit',
        entityId: id,
        subjectFacilityId: v.facility_id,
      });
      // The account that booked is told at once (bell and live event): the doctor is waiting in the room.
      if (v.state !== 'in_progress')
        await deps.notifications?.notify(
          [{ userIds: [v.booked_by], kind: 'visit.started', visitId: id, ref: (v.starts_at ?? new Date(clock.now())).toISOString() }],
          auth.user.id,
        );
      return reload(auth, id, 'doctor');
    },

    /** Identity and consent confirmed, red flags asked; any red flag ends the visit with emergency advice. */
    async steps(
      auth: AuthContext,
      id: string,
      input: {
        identityConfirmed: boolean;
        consentConfirmed: boolean;
        redFlags: string[];
        emergencyAdvice?: string | undefined;
        channel: 'video' | 'audio' | 'message';
      },
      m: RequestMeta,
    ): Promise<VisitDetail> {
      const v = await asDoctor(auth, id, m);
      if (v.state !== 'in_progress') throw invalid('not_in_progress', { state: v.state });
      const emergency = input.redFlags.length > 0;
      if (emergency && !input.emergencyAdvice)
        throw fieldError('emergencyAdvice', 'Say what the patient was advised (emergency care, 115)');
      await db.query(
        `UPDATE visit SET identity_confirmed_at = CASE WHEN $2 THEN coalesce(identity_confirmed_at, now()) END,
                consent_confirmed_at = CASE WHEN $3 THEN coalesce(consent_confirmed_at, now()) END,
                red_flags = $4, triage_at = now(), emergency_advice = $5, channel = $6,
                state = CASE WHEN $7 THEN 'referred_emergency' ELSE state END, ended_at = CASE WHEN $7 THEN now() ELSE ended_at END
          WHERE id = $1`,
        [id, input.identityConfirmed, input.consentConfirmed, input.redFlags, input.emergencyAdvice ?? null, input.channel, emergency],
      );
      await audit.record(m, {
        action: 'visit.steps',
        outcome: 'success',
        entityType: 'visit',
        entityId: id,
        subjectFacilityId: v.facility_id,
        details: { redFlags: input.redFlags.length, emergency },
      });
      return reload(auth, id, 'doctor');
    },

    async note(auth: AuthContext, id: string, note: VisitNote, m: RequestMeta): Promise<VisitDetail> {
      const v = await asDoctor(auth, id, m);
      if (v.state !== 'in_progress') throw invalid('not_in_progress', { state: v.state });
      if (!v.identity_confirmed_at || !v.consent_confirmed_at || !v.triage_at) throw invalid('steps_missing');
      const { rows } = await db.query<{ code: string }>('SELECT code FROM icd10 WHERE code = ANY($1::text[])', [
        note.diagnoses.map((d) => d.code),
      ]);
      const known = new Set(rows.map((r) => r.code));
      const unknown = note.diagnoses.findIndex((d) => !known.has(d.code));
      if (unknown >= 0) throw fieldError(`diagnoses.${unknown}.code`, 'Not an ICD-10 code on file');
      await db.query('UPDATE visit SET note = $2, note_updated_at = now() WHERE id = $1', [id, JSON.stringify(note)]);
      await audit.record(m, {
        action: 'visit.note',
        outcome: 'success',
        entityType: 'visit',
        entityId: id,
        subjectFacilityId: v.facility_id,
      });
      return reload(auth, id, 'doctor');
    },

    /** The end of the visit: the steps and the note are required; the payment request follows. */
    async complete(auth: AuthContext, id: string, m: RequestMeta): Promise<VisitDetail> {
      const v = await asDoctor(auth, id, m);
      if (v.state !== 'in_progress') throw invalid('not_in_progress', { state: v.state });
      if (!v.identity_confirmed_at || !v.consent_confirmed_at || !v.triage_at) throw invalid('steps_missing');
      if (!v.note) throw invalid('note_missing');
      await db.tx(async (q) => {
        await q.query(`UPDATE visit SET state = 'completed', ended_at = now() WHERE id = $1`, [id]);
        await requestPayment(q, v);
        await audit.record(
          m,
          { action: 'visit.complete', outcome: 'success', entityType: 'visit', entityId: id, subjectFacilityId: v.facility_id },
          q,
        );
      });
      return reload(auth, id, 'doctor');
    },

    async messages(auth: AuthContext, id: string, m: RequestMeta) {
      await visible(auth, id, m);
      const { rows } = await db.query<{ id: string; user_id: string; name: string; text: string; at: Date }>(
        `SELECT c.id, c.user_id, u.display_name AS name, c.text, c.at FROM visit_message c JOIN app_user u ON u.id = c.user_id
          WHERE c.visit_id = $1 ORDER BY c.at, c.id LIMIT 500`,
        [id],
      );
      return rows.map((r) => ({ id: String(r.id), userId: r.user_id, name: r.name, text: r.text, at: r.at.toISOString() }));
    },

    /** A message (the fallback when video and sound fail): between the patient's account and the doctor. */
    async postMessage(auth: AuthContext, id: string, text: string, m: RequestMeta) {
      const { v, part } = await visible(auth, id, m);
      if (part === 'staff') throw new AppError('FORBIDDEN', { details: { reason: 'not_a_party' } });
      if (!['booked', 'waiting', 'in_progress'].includes(v.state)) throw invalid('closed', { state: v.state });
      await db.query('INSERT INTO visit_message (visit_id, user_id, text) VALUES ($1, $2, $3)', [id, auth.user.id, text]);
      return this.messages(auth, id, m);
    },

    /** The e-prescription: by the visit's doctor, never a controlled substance, coded in the national format. */
    async prescribe(
      auth: AuthContext,
      id: string,
      input: { items: { drug: string; activeIngredient?: string | undefined }[] & Record<string, unknown>[]; advice?: string | undefined },
      m: RequestMeta,
    ): Promise<Prescription> {
      const v = await asDoctor(auth, id, m);
      const late = v.ended_at && clock.now() - v.ended_at.getTime() > PRESCRIBE_AFTER_MS;
      if (!(v.state === 'in_progress' || (v.state === 'completed' && !late))) throw invalid('not_prescribable', { state: v.state });
      if (!v.note) throw invalid('note_missing');
      const { rows: controlled } = await db.query<{ name_folded: string; class: string }>(
        'SELECT name_folded, class FROM controlled_substance',
      );
      for (const [i, item] of input.items.entries()) {
        const text = foldText(`${item.drug} ${item.activeIngredient ?? ''}`);
        const hit = controlled.find((c) => new RegExp(`\\b${c.name_folded}\\b`).test(text));
        if (hit) {
          await audit.record(m, {
            action: 'visit.refused',
            outcome: 'denied',
            entityType: 'visit',
            entityId: id,
            details: { reason: 'controlled_substance', class: hit.class },
          });
          throw new AppError('FORBIDDEN', {
            message: 'Controlled substances are not prescribed remotely',
            details: { reason: 'controlled_substance', field: `items.${i}.drug`, class: hit.class },
          });
        }
      }
      if (!v.kcb_code) throw invalid('facility_without_kcb_code');
      const suffix = Array.from({ length: 7 }, () => LOWER_ALNUM[randomInt(LOWER_ALNUM.length)]).join('');
      const code = `${v.kcb_code}${suffix}-c`;
      const presId = await db.tx(async (q) => {
        const { rows: existing } = await q.query('SELECT 1 FROM prescription WHERE visit_id = $1', [id]);
        if (existing.length > 0) throw new AppError('CONFLICT', { details: { reason: 'already_prescribed' } });
        const { rows } = await q.query<{ id: string }>(
          `INSERT INTO prescription (visit_id, code, practitioner_id, patient_id, diagnoses, advice, retain_until)
           VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(years => $7)) RETURNING id`,
          [id, code, v.practitioner_id, v.patient_id, JSON.stringify(v.note!.diagnoses), input.advice ?? null, deps.retentionYears],
        );
        for (const [i, it] of input.items.entries()) {
          const x = it as Record<string, unknown>;
          await q.query(
            `INSERT INTO prescription_item (prescription_id, ordinal, drug, active_ingredient, strength, form, dose, route, frequency, duration_days,
                                            quantity, unit, instructions)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
            [
              rows[0]!.id,
              i + 1,
              x.drug,
              x.activeIngredient ?? null,
              x.strength,
              x.form,
              x.dose,
              x.route,
              x.frequency,
              x.durationDays,
              x.quantity,
              x.unit,
              x.instructions ?? null,
            ],
          );
        }
        await audit.record(
          m,
          {
            action: 'prescription.issue',
            outcome: 'success',
            entityType: 'prescription',
            entityId: rows[0]!.id,
            subjectFacilityId: v.facility_id,
          },
          q,
        );
        return rows[0]!.id;
      });
      return this.prescription(auth, presId, m);
    },

    async prescription(auth: AuthContext, prescriptionId: string, m: RequestMeta): Promise<Prescription> {
      const { rows } = await db.query<{
        id: string;
        code: string;
        visit_id: string;
        issued_at: Date;
        diagnoses: { code: string }[];
        advice: string | null;
        patient_name: string;
        birth_date: string;
        sex: string;
        insurance_number: string | null;
        practitioner_name: string;
        licence_number: string;
        facility_name: string;
        kcb_code: string;
      }>(
        `SELECT r.id, r.code, r.visit_id, r.issued_at, r.diagnoses, r.advice, p.full_name AS patient_name, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date,
                p.sex, p.insurance_number, pr.full_name AS practitioner_name, pr.licence_number, f.name AS facility_name, f.kcb_code
           FROM prescription r JOIN patient p ON p.id = r.patient_id JOIN practitioner pr ON pr.id = r.practitioner_id
           JOIN visit v ON v.id = r.visit_id JOIN facility f ON f.id = v.facility_id WHERE r.id = $1`,
        [prescriptionId],
      );
      const r = rows[0];
      if (!r) throw new AppError('NOT_FOUND', { details: { entity: 'prescription' } });
      const { v } = await visible(auth, r.visit_id, m);
      const [{ rows: items }, { rows: names }] = await Promise.all([
        db.query<Record<string, unknown>>(
          `SELECT ordinal, drug, active_ingredient AS "activeIngredient", strength, form, dose, route, frequency, duration_days AS "durationDays",
                  quantity::float8 AS quantity, unit, instructions FROM prescription_item WHERE prescription_id = $1 ORDER BY ordinal`,
          [prescriptionId],
        ),
        db.query<{ code: string; name_vi: string }>('SELECT code, name_vi FROM icd10 WHERE code = ANY($1::text[])', [
          r.diagnoses.map((d) => d.code),
        ]),
      ]);
      await audit.record(m, {
        action: 'prescription.read',
        outcome: 'success',
        entityType: 'prescription',
        entityId: prescriptionId,
        subjectFacilityId: v.facility_id,
      });
      return {
        id: r.id,
        code: r.code,
        visitId: r.visit_id,
        issuedAt: r.issued_at.toISOString(),
        patient: { name: r.patient_name, birthDate: r.birth_date, sex: r.sex, insuranceNumber: r.insurance_number },
        practitioner: { name: r.practitioner_name, licenceNumber: r.licence_number },
        facility: { name: r.facility_name, kcbCode: r.kcb_code },
        diagnoses: r.diagnoses.map((d) => ({ code: d.code, name: names.find((n) => n.code === d.code)?.name_vi ?? null })),
        items: items.map((it) => Object.fromEntries(Object.entries(it).filter(([, x]) => x !== null))) as Prescription['items'],
        advice: r.advice,
      };
    },

    /** The patient's record (what they may see) — visits, notes, prescriptions, payments, consultations. */
    async record(auth: AuthContext, patientId: string, m: RequestMeta) {
      const { rows: rel } = await db.query('SELECT 1 FROM patient_account WHERE user_id = $1 AND patient_id = $2', [
        auth.user.id,
        patientId,
      ]);
      if (!rel.length) throw new AppError('NOT_FOUND', { details: { entity: 'patient' } });
      const { rows: visits } = await db.query<{ id: string }>(
        'SELECT id FROM visit WHERE patient_id = $1 ORDER BY coalesce(starts_at, created_at) DESC',
        [patientId],
      );
      const details: VisitDetail[] = [];
      for (const x of visits) details.push(await detail(auth, (await loadVisit(db, x.id))!, 'patient'));
      const { rows: pres } = await db.query<{ id: string }>('SELECT id FROM prescription WHERE patient_id = $1 ORDER BY issued_at DESC', [
        patientId,
      ]);
      const prescriptions: Prescription[] = [];
      for (const p of pres) prescriptions.push(await this.prescription(auth, p.id, m));
      const { rows: pays } = await db.query<{ id: string }>(
        'SELECT p.id FROM payment p JOIN visit v ON v.id = p.visit_id WHERE v.patient_id = $1',
        [patientId],
      );
      const payments: Payment[] = [];
      for (const p of pays) payments.push({ ...(await paymentView(db, p.id)), qrSvg: null });
      const { rows: consults } = await db.query<{ id: string; ref: string; state: string; specialty: string | null; created_at: Date }>(
        `SELECT id, ref, state, specialty, created_at FROM consult_request WHERE patient_id = $1 AND state <> 'draft' ORDER BY created_at DESC`,
        [patientId],
      );
      await audit.record(m, { action: 'patient.export', outcome: 'success', entityType: 'patient', entityId: patientId });
      return {
        patientId,
        generatedAt: new Date(clock.now()).toISOString(),
        visits: details,
        prescriptions,
        payments,
        consultations: consults.map((c) => ({
          id: c.id,
          ref: c.ref,
          state: c.state,
          specialty: c.specialty,
          createdAt: c.created_at.toISOString(),
        })),
      };
    },
  };
}
export type CareService = ReturnType<typeof createCareService>;
