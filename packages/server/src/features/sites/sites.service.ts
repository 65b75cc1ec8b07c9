import { AppError, fieldError, type Site, type SiteInput } from '@vuonxa/core';
import type { Db } from '../../db/db.js';
import { assertCan, type AuthContext, type RequestMeta } from '../../http/context.js';
import type { AuditService } from '../audit/audit.service.js';
import { facilitiesRepo } from '../facilities/facilities.repo.js';
import { sitesRepo } from './sites.repo.js';

function siteConflict(err: unknown): never {
  if ((err as { code?: string }).code === '23505')
    throw new AppError('CONFLICT', {
      details: { issues: [{ field: 'name', message: 'a site of this facility already has this name', code: 'taken' }] },
    });
  throw err;
}

/** Bridge sites (điểm cầu): staff read; the facility's admin adds and maintains them. */
export function createSitesService(deps: { db: Db; audit: AuditService }) {
  const { db, audit } = deps;

  async function load(id: string): Promise<Site> {
    const s = await sitesRepo.get(db, id);
    if (!s) throw new AppError('NOT_FOUND', { details: { entity: 'site' } });
    return s;
  }

  async function checkOperator(input: SiteInput, facilityId: string): Promise<void> {
    if (input.operatorUserId && !(await sitesRepo.isMember(db, input.operatorUserId, facilityId))) {
      throw fieldError('operatorUserId', 'must hold a role at this facility');
    }
  }

  return {
    async listByFacility(auth: AuthContext, facilityId: string): Promise<Site[]> {
      assertCan(auth.principal, 'facility.read');
      if (!(await facilitiesRepo.get(db, facilityId))) throw new AppError('NOT_FOUND', { details: { entity: 'facility' } });
      return sitesRepo.listByFacility(db, facilityId);
    },

    get: (auth: AuthContext, id: string) => {
      assertCan(auth.principal, 'facility.read');
      return load(id);
    },

    async create(auth: AuthContext, facilityId: string, input: SiteInput, m: RequestMeta): Promise<Site> {
      assertCan(auth.principal, 'facility.manage', facilityId);
      if (!(await facilitiesRepo.get(db, facilityId))) throw new AppError('NOT_FOUND', { details: { entity: 'facility' } });
      await checkOperator(input, facilityId);
      const id = await db
        .tx(async (q) => {
          const newId = await sitesRepo.insert(q, facilityId, input);
          await audit.record(
            m,
            { action: 'site.create', outcome: 'success', entityType: 'bridge_site', entityId: newId, subjectFacilityId: facilityId },
            q,
          );
          return newId;
        })
        .catch(siteConflict);
      return load(id);
    },

    async update(auth: AuthContext, id: string, input: SiteInput, m: RequestMeta): Promise<Site> {
      const before = await load(id);
      assertCan(auth.principal, 'facility.manage', before.facilityId);
      await checkOperator(input, before.facilityId);
      await db
        .tx(async (q) => {
          await sitesRepo.update(q, id, input);
          await audit.record(
            m,
            { action: 'site.update', outcome: 'success', entityType: 'bridge_site', entityId: id, subjectFacilityId: before.facilityId },
            q,
          );
        })
        .catch(siteConflict);
      return load(id);
    },
  };
}
export type SitesService = ReturnType<typeof createSitesService>;
