import {
  AppError,
  canGrantRole,
  checkPassword,
  fieldError,
  scopeOf,
  type CreateUserRequest,
  type GrantRequest,
  type Principal,
  type UserListQuery,
  type UserSummary,
} from '@vuonxa/core';
import type { Db } from '../../db/db.js';
import { assertCan, type AuthContext, type RequestMeta } from '../../http/context.js';
import type { PasswordHasher } from '../../lib/passwords.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Clock } from '../auth/auth.service.js';
import { usersRepo } from './users.repo.js';

/** True when the principal may act on `target` for `permission`: network-wide, or at a facility the target belongs to. */
function reaches(principal: Principal, target: UserSummary, permission: 'user.read' | 'user.manage'): boolean {
  const scope = scopeOf(principal, permission);
  return scope === 'all' || target.roles.some((r) => r.facilityId !== null && scope.includes(r.facilityId));
}

/** Staff accounts and their roles: listing, creation, grants, revocations, unlocking. Every change is audited. */
export function createUsersService(deps: { db: Db; hasher: PasswordHasher; audit: AuditService; clock: Clock }) {
  const { db, hasher, audit, clock } = deps;

  async function load(id: string): Promise<UserSummary> {
    const u = await usersRepo.get(db, id, clock.now());
    if (!u) throw new AppError('NOT_FOUND', { details: { entity: 'user' } });
    return u;
  }

  async function changeRole(auth: AuthContext, m: RequestMeta, userId: string, g: GrantRequest, kind: 'grant' | 'revoke') {
    if (!canGrantRole(auth.principal, g.role, g.facilityId)) {
      await audit.record(m, {
        action: kind === 'grant' ? 'membership.grant' : 'membership.revoke',
        outcome: 'denied',
        entityType: 'user',
        entityId: userId,
        subjectFacilityId: g.facilityId,
        details: { role: g.role },
      });
      throw new AppError('FORBIDDEN', { details: { role: g.role, facilityId: g.facilityId } });
    }
    if ((g.role === 'system_admin') !== (g.facilityId === null)) {
      throw fieldError(
        'facilityId',
        g.role === 'system_admin' ? 'system_admin is held network-wide (facilityId null)' : 'required for this role',
      );
    }
    if (kind === 'revoke' && g.role === 'system_admin' && userId === auth.user.id) {
      throw new AppError('CONFLICT', {
        message: 'You cannot remove your own system administrator role',
        details: { reason: 'self_lockout' },
      });
    }
    await load(userId);
    if (g.facilityId && !(await usersRepo.facilityExists(db, g.facilityId))) throw fieldError('facilityId', 'unknown facility');
    await db.tx(async (q) => {
      const changed =
        kind === 'grant'
          ? await usersRepo.grant(q, userId, g.facilityId, g.role, auth.user.id)
          : await usersRepo.revoke(q, userId, g.facilityId, g.role);
      if (!changed)
        throw new AppError(kind === 'grant' ? 'CONFLICT' : 'NOT_FOUND', { details: { role: g.role, facilityId: g.facilityId } });
      await audit.record(
        m,
        {
          action: kind === 'grant' ? 'membership.grant' : 'membership.revoke',
          outcome: 'success',
          entityType: 'user',
          entityId: userId,
          subjectFacilityId: g.facilityId,
          details: { role: g.role },
        },
        q,
      );
    });
    return load(userId);
  }

  return {
    async list(auth: AuthContext, query: UserListQuery, m: RequestMeta) {
      assertCan(auth.principal, 'user.read', query.facilityId);
      const scope = query.facilityId ? [query.facilityId] : scopeOf(auth.principal, 'user.read');
      const page = await usersRepo.list(db, scope, query, clock.now());
      await audit.record(m, {
        action: 'user.list',
        outcome: 'success',
        entityType: 'user',
        subjectFacilityId: query.facilityId ?? null,
        details: { results: page.items.length },
      });
      return page;
    },

    async get(auth: AuthContext, id: string, m: RequestMeta): Promise<UserSummary> {
      assertCan(auth.principal, 'user.read');
      const u = await usersRepo.get(db, id, clock.now());
      // Someone outside the caller's reach is reported as absent: existence is itself personal data.
      if (!u || !reaches(auth.principal, u, 'user.read')) throw new AppError('NOT_FOUND', { details: { entity: 'user' } });
      await audit.record(m, { action: 'user.read', outcome: 'success', entityType: 'user', entityId: id });
      return u;
    },

    /** Creates a staff account with its first role; the account and the grant commit together. */
    async create(auth: AuthContext, body: CreateUserRequest, m: RequestMeta): Promise<UserSummary> {
      if (body.facilityId === null) assertCan(auth.principal, 'user.manage', null);
      else assertCan(auth.principal, 'user.manage', body.facilityId);
      if (!canGrantRole(auth.principal, body.role, body.facilityId)) throw new AppError('FORBIDDEN', { details: { role: body.role } });
      if ((body.role === 'system_admin') !== (body.facilityId === null)) throw fieldError('facilityId', 'required for this role');
      const problems = checkPassword(
        body.password,
        [body.email, body.phone].filter((x): x is string => !!x),
      );
      if (problems.length) {
        throw new AppError('PASSWORD_TOO_WEAK', {
          details: { problems, issues: problems.map((p) => ({ field: 'password', message: p, code: p })) },
        });
      }
      if (body.facilityId && !(await usersRepo.facilityExists(db, body.facilityId))) throw fieldError('facilityId', 'unknown facility');
      const taken = await usersRepo.existing(db, body.email, body.phone);
      if (taken)
        throw new AppError('CONFLICT', {
          message: `${taken} is already in use`,
          details: { issues: [{ field: taken, message: 'already in use', code: 'taken' }] },
        });
      const passwordHash = await hasher.hash(body.password);
      const id = await db.tx(async (q) => {
        const userId = await usersRepo.insert(q, { ...body, passwordHash });
        await usersRepo.grant(q, userId, body.facilityId, body.role, auth.user.id);
        await audit.record(
          m,
          { action: 'user.create', outcome: 'success', entityType: 'user', entityId: userId, subjectFacilityId: body.facilityId },
          q,
        );
        await audit.record(
          m,
          {
            action: 'membership.grant',
            outcome: 'success',
            entityType: 'user',
            entityId: userId,
            subjectFacilityId: body.facilityId,
            details: { role: body.role },
          },
          q,
        );
        return userId;
      });
      return load(id);
    },

    grant: (auth: AuthContext, userId: string, g: GrantRequest, m: RequestMeta) => changeRole(auth, m, userId, g, 'grant'),
    revoke: (auth: AuthContext, userId: string, g: GrantRequest, m: RequestMeta) => changeRole(auth, m, userId, g, 'revoke'),

    async unlock(auth: AuthContext, userId: string, m: RequestMeta): Promise<UserSummary> {
      assertCan(auth.principal, 'user.manage');
      const u = await load(userId);
      if (!reaches(auth.principal, u, 'user.manage')) throw new AppError('NOT_FOUND', { details: { entity: 'user' } });
      await db.tx(async (q) => {
        await usersRepo.unlock(q, userId);
        await audit.record(
          m,
          { action: 'user.update', outcome: 'success', entityType: 'user', entityId: userId, details: { change: 'unlock' } },
          q,
        );
      });
      return load(userId);
    },
  };
}
export type UsersService = ReturnType<typeof createUsersService>;
