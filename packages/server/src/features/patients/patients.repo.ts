import { insuranceKey, maskIdentifier, type Patient, type PatientInput, type PatientSummary } from '@vuonxa/core';
import type { Queryable } from '../../db/db.js';
import { containsPattern } from '../../lib/search.js';
import { consultScope, visibleSql } from '../consults/consult-access.js';
import type { Principal } from '@vuonxa/core';

export interface PatientRow {
  id: string;
  full_name: string;
  birth_date: string;
  sex: Patient['sex'];
  citizen_id: string | null;
  insurance_number: string | null;
  address: string | null;
  province_code: string | null;
  commune_code: string | null;
  phone: string | null;
  contact_note: string | null;
  created_at: Date;
}

export const PATIENT_COLS = `p.id, p.full_name, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date, p.sex, p.citizen_id, p.insurance_number, p.address,
  p.province_code, p.commune_code, p.phone, p.contact_note, p.created_at`;

export function patientView(r: PatientRow): Patient {
  return {
    id: r.id,
    fullName: r.full_name,
    birthDate: r.birth_date,
    sex: r.sex,
    citizenId: r.citizen_id,
    insuranceNumber: r.insurance_number,
    address: r.address,
    provinceCode: r.province_code,
    communeCode: r.commune_code,
    phone: r.phone,
    contactNote: r.contact_note,
    createdAt: r.created_at.toISOString(),
  };
}

function summary(r: PatientRow): PatientSummary {
  return {
    id: r.id,
    fullName: r.full_name,
    birthDate: r.birth_date,
    sex: r.sex,
    citizenIdMasked: maskIdentifier(r.citizen_id),
    insuranceMasked: maskIdentifier(r.insurance_number),
  };
}

const values = (p: PatientInput) => [
  p.fullName,
  p.birthDate,
  p.sex,
  p.citizenId,
  p.insuranceNumber,
  p.insuranceNumber ? insuranceKey(p.insuranceNumber) : null,
  p.address,
  p.provinceCode,
  p.communeCode,
  p.phone,
  p.contactNote,
];

export const patientsRepo = {
  /** The person with this citizen ID or social insurance number, anywhere in the network (duplicate detection). */
  async findDuplicate(q: Queryable, p: Pick<PatientInput, 'citizenId' | 'insuranceNumber'>, exceptId?: string) {
    if (!p.citizenId && !p.insuranceNumber) return null;
    const { rows } = await q.query<{ id: string; field: 'citizenId' | 'insuranceNumber' }>(
      `SELECT id, CASE WHEN citizen_id = $1 THEN 'citizenId' ELSE 'insuranceNumber' END AS field
         FROM patient WHERE (citizen_id = $1 OR insurance_key = $2) AND id IS DISTINCT FROM $3 LIMIT 1`,
      [p.citizenId, p.insuranceNumber ? insuranceKey(p.insuranceNumber) : null, exceptId ?? null],
    );
    return rows[0] ?? null;
  },
  async insert(q: Queryable, p: PatientInput, facilityId: string): Promise<string> {
    const { rows } = await q.query<{ id: string }>(
      `INSERT INTO patient (full_name, birth_date, sex, citizen_id, insurance_number, insurance_key, address, province_code, commune_code,
         phone, contact_note, created_by_facility_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [...values(p), facilityId],
    );
    return rows[0]!.id;
  },
  async update(q: Queryable, id: string, p: PatientInput) {
    await q.query(
      `UPDATE patient SET full_name = $2, birth_date = $3, sex = $4, citizen_id = $5, insurance_number = $6, insurance_key = $7,
         address = $8, province_code = $9, commune_code = $10, phone = $11, contact_note = $12, updated_at = now() WHERE id = $1`,
      [id, ...values(p)],
    );
  },
  async link(q: Queryable, patientId: string, facilityId: string, userId: string) {
    await q.query(`INSERT INTO patient_facility (patient_id, facility_id, linked_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
      patientId,
      facilityId,
      userId,
    ]);
  },
  async isLinked(q: Queryable, patientId: string, facilityId: string) {
    const { rowCount } = await q.query('SELECT 1 FROM patient_facility WHERE patient_id = $1 AND facility_id = $2', [
      patientId,
      facilityId,
    ]);
    return (rowCount ?? 0) > 0;
  },
  async get(q: Queryable, id: string): Promise<Patient | null> {
    const { rows } = await q.query<PatientRow>(`SELECT ${PATIENT_COLS} FROM patient p WHERE p.id = $1`, [id]);
    return rows[0] ? patientView(rows[0]) : null;
  },
  /** Whether the caller may see this patient: registered at one of `facilities`, or in a request they have a part in. */
  async visible(q: Queryable, id: string, facilities: 'all' | string[], userId: string, principal: Principal): Promise<boolean> {
    const params: unknown[] = [id, facilities === 'all' ? [] : facilities];
    const consult = visibleSql('c', consultScope(userId, principal), params);
    const { rows } = await q.query<{ ok: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM patient_facility WHERE patient_id = $1 AND facility_id = ANY($2::uuid[]))
           OR EXISTS (SELECT 1 FROM consult_request c WHERE c.patient_id = $1 AND ${consult}) AS ok`,
      params,
    );
    return rows[0]?.ok ?? false;
  },
  /** Patients registered at `facilities`, by exact citizen ID / insurance number or by name without diacritics. */
  async search(q: Queryable, text: string, facilities: string[], limit: number): Promise<PatientSummary[]> {
    const compact = text.replace(/\s/g, '').toUpperCase();
    let where: string;
    const params: unknown[] = [facilities, limit];
    if (/^\d{12}$/.test(compact)) {
      params.push(compact);
      where = 'p.citizen_id = $3';
    } else if (/^([A-Z]{2}\d{13}|\d{10})$/.test(compact)) {
      params.push(compact.slice(-10));
      where = 'p.insurance_key = $3';
    } else {
      params.push(containsPattern(text));
      where = 'p.search_text LIKE $3';
    }
    const { rows } = await q.query<PatientRow>(
      `SELECT ${PATIENT_COLS} FROM patient p
        WHERE ${where} AND EXISTS (SELECT 1 FROM patient_facility pf WHERE pf.patient_id = p.id AND pf.facility_id = ANY($1::uuid[]))
        ORDER BY p.search_text, p.id LIMIT $2`,
      params,
    );
    return rows.map(summary);
  },
};
