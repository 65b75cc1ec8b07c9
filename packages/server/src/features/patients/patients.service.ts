import { AppError, scopeOf, type Patient, type PatientInput, type PatientSummary } from '@vuonxa/core';
import type { Db } from '../../db/db.js';
import { assertCan, type AuthContext, type RequestMeta } from '../../http/context.js';
import type { AuditService } from '../audit/audit.service.js';
import { patientsRepo } from './patients.repo.js';

function duplicateError(d: { id: string; field: string }): AppError {
  return new AppError('CONFLICT', {
    message: `A patient with this ${d.field === 'citizenId' ? 'citizen ID' : 'insurance number'} is already registered here`,
    details: { patientId: d.id, field: d.field, issues: [{ field: d.field, message: 'already registered', code: 'duplicate' }] },
  });
}

/**
 * Patients. A person has one record nationally, found by citizen ID or social insurance number; registering the
 * same person at another facility links the record to it instead of creating a second one.
 */
export function createPatientsService(deps: { db: Db; audit: AuditService }) {
  const { db, audit } = deps;

  async function readable(auth: AuthContext, id: string, m: RequestMeta): Promise<Patient> {
    const p = await patientsRepo.get(db, id);
    const ok = p !== null && (await patientsRepo.visible(db, id, scopeOf(auth.principal, 'patient.manage'), auth.user.id, auth.principal));
    if (!p || !ok) {
      if (p) await audit.record(m, { action: 'access.denied', outcome: 'denied', entityType: 'patient', entityId: id });
      throw new AppError('NOT_FOUND', { details: { entity: 'patient' } });
    }
    return p;
  }

  return {
    async register(
      auth: AuthContext,
      facilityId: string,
      input: PatientInput,
      m: RequestMeta,
    ): Promise<{ patient: Patient; matched: boolean }> {
      assertCan(auth.principal, 'patient.manage', facilityId);
      const result = await db
        .tx(async (q) => {
          const dup = await patientsRepo.findDuplicate(q, input);
          if (dup) {
            if (await patientsRepo.isLinked(q, dup.id, facilityId)) throw duplicateError(dup);
            await patientsRepo.link(q, dup.id, facilityId, auth.user.id);
            await audit.record(
              m,
              {
                action: 'patient.link',
                outcome: 'success',
                entityType: 'patient',
                entityId: dup.id,
                subjectFacilityId: facilityId,
                details: { matchedOn: dup.field },
              },
              q,
            );
            return { id: dup.id, matched: true };
          }
          const id = await patientsRepo.insert(q, input, facilityId);
          await patientsRepo.link(q, id, facilityId, auth.user.id);
          await audit.record(
            m,
            { action: 'patient.create', outcome: 'success', entityType: 'patient', entityId: id, subjectFacilityId: facilityId },
            q,
          );
          return { id, matched: false };
        })
        .catch((err: unknown) => {
          // Two registrations of the same person at once: the unique index decides; report it like a duplicate.
          if ((err as { code?: string }).code === '23505')
            throw new AppError('CONFLICT', {
              details: { issues: [{ field: 'citizenId', message: 'already registered', code: 'duplicate' }] },
            });
          throw err;
        });
      return { patient: (await patientsRepo.get(db, result.id))!, matched: result.matched };
    },

    async search(
      auth: AuthContext,
      text: string,
      facilityId: string | undefined,
      limit: number,
      m: RequestMeta,
    ): Promise<PatientSummary[]> {
      if (facilityId) assertCan(auth.principal, 'patient.manage', facilityId);
      else assertCan(auth.principal, 'patient.manage');
      const scope = scopeOf(auth.principal, 'patient.manage');
      const facilities = facilityId ? [facilityId] : scope === 'all' ? [] : scope;
      const items = await patientsRepo.search(db, text, facilities, limit);
      await audit.record(m, { action: 'patient.search', outcome: 'success', entityType: 'patient', details: { results: items.length } });
      return items;
    },

    async get(auth: AuthContext, id: string, m: RequestMeta): Promise<Patient> {
      const p = await readable(auth, id, m);
      await audit.record(m, { action: 'patient.read', outcome: 'success', entityType: 'patient', entityId: id });
      return p;
    },

    async update(auth: AuthContext, id: string, input: PatientInput, m: RequestMeta): Promise<Patient> {
      await readable(auth, id, m);
      const scope = scopeOf(auth.principal, 'patient.manage');
      const linked = scope === 'all' ? true : (await Promise.all(scope.map((f) => patientsRepo.isLinked(db, id, f)))).some(Boolean);
      if (!linked) throw new AppError('FORBIDDEN', { details: { permission: 'patient.manage' } });
      await db.tx(async (q) => {
        const dup = await patientsRepo.findDuplicate(q, input, id);
        if (dup) throw duplicateError(dup);
        await patientsRepo.update(q, id, input);
        await audit.record(m, { action: 'patient.update', outcome: 'success', entityType: 'patient', entityId: id }, q);
      });
      return (await patientsRepo.get(db, id))!;
    },
  };
}
export type PatientsService = ReturnType<typeof createPatientsService>;
