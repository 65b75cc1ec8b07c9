import { AppError, fieldError, type HubSuggestion, type SpecialtyCode, type SupportLink, type SupportLinkInput } from '@vuonxa/core';
import type { Db } from '../../db/db.js';
import { assertCan, type AuthContext, type RequestMeta } from '../../http/context.js';
import type { AuditService } from '../audit/audit.service.js';
import { facilitiesRepo } from '../facilities/facilities.repo.js';
import { supportLinksRepo } from './support-links.repo.js';

/** Hub-to-spoke support: a system admin links facilities; everyone on staff follows the links both ways. */
export function createSupportLinksService(deps: { db: Db; audit: AuditService }) {
  const { db, audit } = deps;

  async function load(id: string): Promise<SupportLink> {
    const l = await supportLinksRepo.get(db, id);
    if (!l) throw new AppError('NOT_FOUND', { details: { entity: 'support_link' } });
    return l;
  }

  async function facilityOrNotFound(id: string) {
    const f = await facilitiesRepo.get(db, id);
    if (!f) throw new AppError('NOT_FOUND', { details: { entity: 'facility' } });
    return f;
  }

  return {
    async ofFacility(auth: AuthContext, facilityId: string) {
      assertCan(auth.principal, 'facility.read');
      await facilityOrNotFound(facilityId);
      return supportLinksRepo.ofFacility(db, facilityId);
    },

    async create(auth: AuthContext, input: SupportLinkInput, m: RequestMeta): Promise<SupportLink> {
      assertCan(auth.principal, 'supportlink.manage');
      const hub = await facilitiesRepo.get(db, input.hubFacilityId);
      if (!hub) throw fieldError('hubFacilityId', 'unknown facility');
      if (!(await facilitiesRepo.get(db, input.spokeFacilityId))) throw fieldError('spokeFacilityId', 'unknown facility');
      const missing = input.specialties.filter((s) => !hub.specialties.includes(s));
      if (missing.length) throw fieldError('specialties', `the hub does not offer: ${missing.join(', ')}`);
      if (await supportLinksRepo.overlapping(db, input)) {
        throw new AppError('CONFLICT', {
          message: 'These facilities are already linked for overlapping dates',
          details: { issues: [{ field: 'validFrom', message: 'overlaps an existing link', code: 'overlap' }] },
        });
      }
      const id = await db.tx(async (q) => {
        const newId = await supportLinksRepo.insert(q, input, auth.user.id);
        await audit.record(
          m,
          {
            action: 'support_link.create',
            outcome: 'success',
            entityType: 'support_link',
            entityId: newId,
            subjectFacilityId: input.spokeFacilityId,
            details: { hubFacilityId: input.hubFacilityId },
          },
          q,
        );
        return newId;
      });
      return load(id);
    },

    async end(auth: AuthContext, id: string, validTo: string, m: RequestMeta): Promise<SupportLink> {
      assertCan(auth.principal, 'supportlink.manage');
      const link = await load(id);
      if (validTo < link.validFrom) throw fieldError('validTo', 'must not be before the link starts');
      await db.tx(async (q) => {
        await supportLinksRepo.end(q, id, validTo);
        await audit.record(
          m,
          { action: 'support_link.end', outcome: 'success', entityType: 'support_link', entityId: id, subjectFacilityId: link.spoke.id },
          q,
        );
      });
      return load(id);
    },

    async hubsFor(auth: AuthContext, spokeId: string, specialty: SpecialtyCode): Promise<HubSuggestion[]> {
      assertCan(auth.principal, 'facility.read');
      await facilityOrNotFound(spokeId);
      return supportLinksRepo.hubsFor(db, spokeId, specialty);
    },
  };
}
export type SupportLinksService = ReturnType<typeof createSupportLinksService>;
