import {
  AppError,
  CONSENT_KINDS,
  fieldError,
  CONSENT_VERSIONS,
  insuranceKey,
  type ConsentKind,
  type PatientProfile,
  type PersonInput,
} from '@vuonxa/core';
import type { Db, Queryable } from '../../db/db.js';
import type { AuthContext, RequestMeta } from '../../http/context.js';
import type { AuditService } from '../audit/audit.service.js';

interface PersonRow {
  patient_id: string;
  relation: 'self' | 'child' | 'parent' | 'spouse' | 'other';
  full_name: string;
  birth_date: string;
  sex: 'male' | 'female' | 'other';
  citizen_id: string | null;
  insurance_number: string | null;
  address: string | null;
  province_code: string | null;
}

/** Whether the account holds each consent in its current version (given, not withdrawn). */
export async function consentsInForce(q: Queryable, userId: string): Promise<Record<ConsentKind, boolean>> {
  const { rows } = await q.query<{ kind: ConsentKind }>(
    `SELECT DISTINCT kind FROM patient_consent WHERE user_id = $1 AND withdrawn_at IS NULL AND version = ANY($2::text[])`,
    [userId, Object.values(CONSENT_VERSIONS)],
  );
  const held = new Set(rows.map((r) => r.kind));
  return Object.fromEntries(CONSENT_KINDS.map((k) => [k, held.has(k)])) as Record<ConsentKind, boolean>;
}

/** The relation of an account to a patient, or null when the account does not act for them. */
export async function relationTo(q: Queryable, userId: string, patientId: string): Promise<string | null> {
  const { rows } = await q.query<{ relation: string }>('SELECT relation FROM patient_account WHERE user_id = $1 AND patient_id = $2', [
    userId,
    patientId,
  ]);
  return rows[0]?.relation ?? null;
}

/**
 * A patient's account: the people it acts for (the holder and family members), and the consents to remote care
 * and to the processing of health data, each recorded with its version and time and withdrawable.
 */
export function createAccountService(deps: { db: Db; audit: AuditService }) {
  const { db, audit } = deps;

  async function profile(auth: AuthContext): Promise<PatientProfile> {
    const [{ rows: people }, { rows: consents }, inForce] = await Promise.all([
      db.query<PersonRow>(
        `SELECT a.patient_id, a.relation, p.full_name, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date, p.sex, p.citizen_id,
                p.insurance_number, p.address, p.province_code
           FROM patient_account a JOIN patient p ON p.id = a.patient_id
          WHERE a.user_id = $1 ORDER BY a.relation <> 'self', a.created_at`,
        [auth.user.id],
      ),
      db.query<{ kind: ConsentKind; version: string; given_at: Date; withdrawn_at: Date | null }>(
        'SELECT kind, version, given_at, withdrawn_at FROM patient_consent WHERE user_id = $1 ORDER BY given_at DESC',
        [auth.user.id],
      ),
      consentsInForce(db, auth.user.id),
    ]);
    const self = people.find((p) => p.relation === 'self');
    return {
      phone: auth.user.phone,
      displayName: self?.full_name ?? auth.user.displayName,
      people: people.map((p) => ({
        patientId: p.patient_id,
        relation: p.relation,
        fullName: p.full_name,
        birthDate: p.birth_date,
        sex: p.sex,
        citizenId: p.citizen_id,
        insuranceNumber: p.insurance_number,
        address: p.address,
        provinceCode: p.province_code,
      })),
      consents: consents.map((c) => ({
        kind: c.kind,
        version: c.version,
        givenAt: c.given_at.toISOString(),
        withdrawnAt: c.withdrawn_at?.toISOString() ?? null,
      })),
      consentsInForce: inForce,
      consentVersions: CONSENT_VERSIONS,
    };
  }

  /** A citizen ID or insurance number already on file: an existing record is claimed at a facility, not online. */
  async function assertNewIdentity(q: Queryable, input: PersonInput, except: string | null) {
    const key = input.insuranceNumber ? insuranceKey(input.insuranceNumber) : null;
    const { rows } = await q.query<{ id: string; field: string }>(
      `SELECT id, CASE WHEN citizen_id = $1 THEN 'citizenId' ELSE 'insuranceNumber' END AS field FROM patient
        WHERE (citizen_id = $1 OR insurance_key = $2) AND id IS DISTINCT FROM $3 LIMIT 1`,
      [input.citizenId ?? null, key, except],
    );
    if (rows[0])
      throw new AppError('CONFLICT', {
        message: 'This person is already on file at a facility: have the record linked there',
        details: { reason: 'identity_exists', field: rows[0].field },
      });
  }

  const values = (p: PersonInput) => [
    p.fullName,
    p.birthDate,
    p.sex,
    p.citizenId ?? null,
    p.insuranceNumber ?? null,
    p.insuranceNumber ? insuranceKey(p.insuranceNumber) : null,
    p.address ?? null,
    p.provinceCode ?? null,
  ];

  async function addPerson(auth: AuthContext, input: PersonInput, relation: string, m: RequestMeta): Promise<string> {
    return db.tx(async (q) => {
      await assertNewIdentity(q, input, null);
      const { rows } = await q.query<{ id: string }>(
        `INSERT INTO patient (full_name, birth_date, sex, citizen_id, insurance_number, insurance_key, address, province_code, phone,
                              created_by_user_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [...values(input), auth.user.phone, auth.user.id],
      );
      const id = rows[0]!.id;
      await q.query('INSERT INTO patient_account (user_id, patient_id, relation) VALUES ($1, $2, $3)', [auth.user.id, id, relation]);
      await audit.record(
        m,
        {
          action: relation === 'self' ? 'patient.create' : 'patient.dependant_add',
          outcome: 'success',
          entityType: 'patient',
          entityId: id,
        },
        q,
      );
      return id;
    });
  }

  return {
    profile,

    /** The holder's own record: created the first time, updated after. */
    async saveSelf(auth: AuthContext, input: PersonInput, m: RequestMeta): Promise<PatientProfile> {
      const { rows } = await db.query<{ patient_id: string }>(
        `SELECT patient_id FROM patient_account WHERE user_id = $1 AND relation = 'self'`,
        [auth.user.id],
      );
      const own = rows[0]?.patient_id;
      if (!own) {
        await addPerson(auth, input, 'self', m);
      } else {
        await db.tx(async (q) => {
          await assertNewIdentity(q, input, own);
          await q.query(
            `UPDATE patient SET full_name = $1, birth_date = $2, sex = $3, citizen_id = $4, insurance_number = $5, insurance_key = $6,
                    address = $7, province_code = $8, updated_at = now() WHERE id = $9`,
            [...values(input), own],
          );
          await audit.record(m, { action: 'patient.update', outcome: 'success', entityType: 'patient', entityId: own }, q);
        });
      }
      await db.query('UPDATE app_user SET display_name = $1 WHERE id = $2', [input.fullName, auth.user.id]);
      return profile(auth);
    },

    async addDependant(auth: AuthContext, input: PersonInput & { relation: string }, m: RequestMeta): Promise<PatientProfile> {
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM patient_account WHERE user_id = $1', [auth.user.id]);
      if ((rows[0]?.n ?? 0) >= 10) throw new AppError('CONFLICT', { details: { reason: 'too_many_people', max: 10 } });
      const { relation, ...person } = input;
      await addPerson(auth, person, relation, m);
      return profile(auth);
    },

    async giveConsent(auth: AuthContext, kind: ConsentKind, version: string, m: RequestMeta): Promise<PatientProfile> {
      if (version !== CONSENT_VERSIONS[kind])
        throw fieldError('version', `The consent text has changed: the current version is ${CONSENT_VERSIONS[kind]}`);
      await db.query('INSERT INTO patient_consent (user_id, kind, version, ip) VALUES ($1, $2, $3, $4)', [
        auth.user.id,
        kind,
        version,
        m.ip,
      ]);
      await audit.record(m, {
        action: 'consent.give',
        outcome: 'success',
        entityType: 'user',
        entityId: auth.user.id,
        details: { kind, version },
      });
      return profile(auth);
    },

    async withdrawConsent(auth: AuthContext, kind: ConsentKind, m: RequestMeta): Promise<PatientProfile> {
      const res = await db.query(
        'UPDATE patient_consent SET withdrawn_at = now() WHERE user_id = $1 AND kind = $2 AND withdrawn_at IS NULL',
        [auth.user.id, kind],
      );
      if (!res.rowCount) throw new AppError('NOT_FOUND', { details: { entity: 'consent' } });
      await audit.record(m, {
        action: 'consent.withdraw',
        outcome: 'success',
        entityType: 'user',
        entityId: auth.user.id,
        details: { kind },
      });
      return profile(auth);
    },
  };
}
export type AccountService = ReturnType<typeof createAccountService>;
