import { AppError, fieldError, scopeOf, type FacilityDetail, type FacilityInput, type FacilityListQuery } from '@vuonxa/core';
import type { Db, Queryable } from '../../db/db.js';
import { assertCan, type AuthContext, type RequestMeta } from '../../http/context.js';
import type { AuditService } from '../audit/audit.service.js';
import { facilitiesRepo } from './facilities.repo.js';

// Fields the ministry assesses or the network depends on: only a system admin changes them.
const NETWORK_FIELDS = ['code', 'type', 'technicalLevel', 'technicalScore', 'country', 'active'] as const;

/** Maps a unique-violation on facility.code to a field error; rethrows anything else. */
export function facilityConflict(err: unknown): never {
  if ((err as { code?: string }).code === '23505')
    throw new AppError('CONFLICT', { details: { issues: [{ field: 'code', message: 'already in use', code: 'taken' }] } });
  throw err;
}

export async function checkGeography(q: Queryable, f: FacilityInput): Promise<void> {
  const problem = await facilitiesRepo.geographyProblem(q, f);
  if (problem) throw fieldError(problem.field, problem.message);
}

/** The facility registry: anyone on staff reads; a system admin creates; a facility admin keeps theirs up to date. */
export function createFacilitiesService(deps: { db: Db; audit: AuditService }) {
  const { db, audit } = deps;

  async function load(id: string): Promise<FacilityDetail> {
    const f = await facilitiesRepo.get(db, id);
    if (!f) throw new AppError('NOT_FOUND', { details: { entity: 'facility' } });
    return f;
  }

  return {
    list: (auth: AuthContext, query: FacilityListQuery) => {
      assertCan(auth.principal, 'facility.read');
      return facilitiesRepo.list(db, query);
    },

    get: (auth: AuthContext, id: string) => {
      assertCan(auth.principal, 'facility.read');
      return load(id);
    },

    async create(auth: AuthContext, input: FacilityInput, m: RequestMeta): Promise<FacilityDetail> {
      assertCan(auth.principal, 'facility.create');
      await checkGeography(db, input);
      const id = await db
        .tx(async (q) => {
          const newId = await facilitiesRepo.insert(q, input);
          await audit.record(
            m,
            { action: 'facility.create', outcome: 'success', entityType: 'facility', entityId: newId, subjectFacilityId: newId },
            q,
          );
          return newId;
        })
        .catch(facilityConflict);
      return load(id);
    },

    async update(auth: AuthContext, id: string, input: FacilityInput, m: RequestMeta): Promise<FacilityDetail> {
      assertCan(auth.principal, 'facility.manage', id);
      const before = await load(id);
      if (scopeOf(auth.principal, 'facility.manage') !== 'all') {
        const current: Record<(typeof NETWORK_FIELDS)[number], unknown> = {
          code: before.code,
          type: before.type,
          technicalLevel: before.technicalLevel,
          technicalScore: before.technicalScore,
          country: before.country,
          active: before.active,
        };
        for (const k of NETWORK_FIELDS) {
          if ((input[k] ?? null) !== (current[k] ?? null))
            throw new AppError('FORBIDDEN', {
              message: `${k}: only a system administrator changes it`,
              details: { issues: [{ field: k, message: 'system administrators only', code: 'forbidden' }] },
            });
        }
      }
      await checkGeography(db, input);
      await db
        .tx(async (q) => {
          await facilitiesRepo.update(q, id, input);
          await audit.record(
            m,
            { action: 'facility.update', outcome: 'success', entityType: 'facility', entityId: id, subjectFacilityId: id },
            q,
          );
        })
        .catch(facilityConflict);
      return load(id);
    },
  };
}
export type FacilitiesService = ReturnType<typeof createFacilitiesService>;
