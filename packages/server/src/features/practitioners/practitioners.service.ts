import {
  AppError,
  can,
  fieldError,
  type OnCallShift,
  type OnCallShiftInput,
  type Practitioner,
  type PractitionerInput,
  type PractitionerQuery,
} from '@vuonxa/core';
import type { Db } from '../../db/db.js';
import { assertCan, type AuthContext, type RequestMeta } from '../../http/context.js';
import type { AuditService } from '../audit/audit.service.js';
import { onCallRepo } from './on-call.repo.js';
import { practitionersRepo } from './practitioners.repo.js';

function practitionerConflict(err: unknown): never {
  const e = err as { code?: string; constraint?: string };
  if (e.code === '23505') {
    const field = e.constraint?.includes('user_id') ? 'userId' : 'licenceNumber';
    throw new AppError('CONFLICT', { details: { issues: [{ field, message: 'already registered', code: 'taken' }] } });
  }
  throw err;
}

/**
 * The practitioner directory (personal data: every read and change is audited) and on-call rosters.
 * A facility admin manages the practitioners of their facility; a system admin anyone's.
 */
export function createPractitionersService(deps: { db: Db; audit: AuditService }) {
  const { db, audit } = deps;

  async function load(id: string): Promise<Practitioner> {
    const p = await practitionersRepo.get(db, id);
    if (!p) throw new AppError('NOT_FOUND', { details: { entity: 'practitioner' } });
    return p;
  }

  async function checkFacilities(auth: AuthContext, input: PractitionerInput, unchanged: Set<string>): Promise<void> {
    const ids = input.memberships.map((m) => m.facilityId);
    if (new Set(ids).size !== ids.length) throw fieldError('memberships', 'a facility is listed twice');
    const known = await practitionersRepo.existingFacilities(db, ids);
    input.memberships.forEach((m, i) => {
      if (!known.has(m.facilityId)) throw fieldError(`memberships.${i}.facilityId`, 'unknown facility');
      if (!unchanged.has(m.facilityId)) assertCan(auth.principal, 'practitioner.manage', m.facilityId);
    });
  }

  return {
    async search(auth: AuthContext, query: PractitionerQuery, m: RequestMeta) {
      assertCan(auth.principal, 'practitioner.read');
      const page = await practitionersRepo.search(db, query);
      await audit.record(m, {
        action: 'practitioner.list',
        outcome: 'success',
        entityType: 'practitioner',
        details: { results: page.items.length },
      });
      return page;
    },

    async get(auth: AuthContext, id: string, m: RequestMeta): Promise<Practitioner> {
      assertCan(auth.principal, 'practitioner.read');
      const p = await load(id);
      await audit.record(m, { action: 'practitioner.read', outcome: 'success', entityType: 'practitioner', entityId: id });
      return p;
    },

    async create(auth: AuthContext, input: PractitionerInput, m: RequestMeta): Promise<Practitioner> {
      await checkFacilities(auth, input, new Set());
      const id = await db
        .tx(async (q) => {
          const newId = await practitionersRepo.insert(q, input);
          await practitionersRepo.setMemberships(q, newId, input.memberships);
          await audit.record(
            m,
            {
              action: 'practitioner.create',
              outcome: 'success',
              entityType: 'practitioner',
              entityId: newId,
              subjectFacilityId: input.memberships[0]?.facilityId,
            },
            q,
          );
          return newId;
        })
        .catch(practitionerConflict);
      return load(id);
    },

    /** Changing a practitioner needs the right at one of their facilities, and at any facility added or removed. */
    async update(auth: AuthContext, id: string, input: PractitionerInput, m: RequestMeta): Promise<Practitioner> {
      const before = await load(id);
      const current = before.memberships.map((x) => x.facilityId);
      if (!current.some((f) => can(auth.principal, 'practitioner.manage', f)))
        throw new AppError('FORBIDDEN', { details: { permission: 'practitioner.manage' } });
      const next = new Set(input.memberships.map((x) => x.facilityId));
      for (const f of current) if (!next.has(f)) assertCan(auth.principal, 'practitioner.manage', f);
      await checkFacilities(auth, input, new Set(current));
      await db
        .tx(async (q) => {
          await practitionersRepo.update(q, id, input);
          await practitionersRepo.setMemberships(q, id, input.memberships);
          await audit.record(
            m,
            {
              action: 'practitioner.update',
              outcome: 'success',
              entityType: 'practitioner',
              entityId: id,
              subjectFacilityId: current[0] ?? null,
            },
            q,
          );
        })
        .catch(practitionerConflict);
      return load(id);
    },

    onCall(auth: AuthContext, f: { facilityId?: string; specialty?: string; at?: string }): Promise<OnCallShift[]> {
      assertCan(auth.principal, 'practitioner.read');
      return onCallRepo.covering(db, f);
    },

    /** Puts a practitioner of the facility on call for one of their specialties. */
    async addShift(auth: AuthContext, input: OnCallShiftInput, m: RequestMeta): Promise<OnCallShift> {
      assertCan(auth.principal, 'oncall.manage', input.facilityId);
      const p = await practitionersRepo.get(db, input.practitionerId);
      if (!p) throw fieldError('practitionerId', 'unknown practitioner');
      if (!p.memberships.some((x) => x.facilityId === input.facilityId))
        throw fieldError('practitionerId', 'does not work at this facility');
      if (!p.specialties.includes(input.specialty)) throw fieldError('specialty', 'not one of the practitioner’s specialties');
      const id = await db.tx(async (q) => {
        const newId = await onCallRepo.insert(q, input, auth.user.id);
        await audit.record(
          m,
          {
            action: 'oncall.create',
            outcome: 'success',
            entityType: 'on_call_shift',
            entityId: newId,
            subjectFacilityId: input.facilityId,
          },
          q,
        );
        return newId;
      });
      return (await onCallRepo.get(db, id))!;
    },
  };
}
export type PractitionersService = ReturnType<typeof createPractitionersService>;
