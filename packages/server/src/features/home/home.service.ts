import { scopeOf, type Home, type HomeTask, type Role } from '@vuonxa/core';
import type { Db } from '../../db/db.js';
import type { AuthContext } from '../../http/context.js';
import { totpRequiredFor } from '../auth/auth.service.js';
import { consultTasks } from './consult-tasks.js';

/**
 * What the user should do next, derived from real state: their own security setup, and for administrators
 * the locked accounts and failed sign-ins at the facilities they administer.
 */
export function createHomeService(deps: { db: Db; totpRequiredRoles: readonly Role[] }) {
  const { db } = deps;
  return {
    async tasks(auth: AuthContext): Promise<Home> {
      const tasks: HomeTask[] = [];
      const roles = auth.principal.memberships.map((m) => m.role);
      if (!auth.principal.memberships.length) {
        tasks.push({ id: 'no-membership', severity: 'warning', titleKey: 'home.task.noMembership', params: {}, href: '/' });
      }
      if (!auth.user.totpEnabled) {
        const required = totpRequiredFor(roles, deps.totpRequiredRoles);
        tasks.push({
          id: 'enrol-totp',
          severity: required ? 'critical' : 'info',
          titleKey: required ? 'home.task.enrolTotpRequired' : 'home.task.enrolTotp',
          params: {},
          href: '/security',
        });
      }
      const scope = scopeOf(auth.principal, 'user.manage');
      if (scope === 'all' || scope.length) {
        const facilities = scope === 'all' ? null : scope;
        const { rows } = await db.query<{ locked: number; failed: number }>(
          `SELECT
             (SELECT count(*)::int FROM app_user u WHERE u.locked_until > now()
                AND ($1::uuid[] IS NULL OR EXISTS (SELECT 1 FROM membership m WHERE m.user_id = u.id AND m.facility_id = ANY($1)))) AS locked,
             (SELECT count(*)::int FROM login_attempt a JOIN app_user u ON a.account_key = u.id::text
               WHERE NOT a.success AND a.at > now() - interval '24 hours'
                 AND ($1::uuid[] IS NULL OR EXISTS (SELECT 1 FROM membership m WHERE m.user_id = u.id AND m.facility_id = ANY($1)))) AS failed`,
          [facilities],
        );
        const r = rows[0];
        if (r && r.locked > 0)
          tasks.push({
            id: 'locked-users',
            severity: 'warning',
            titleKey: 'home.task.lockedUsers',
            params: { count: r.locked },
            href: '/admin/users',
          });
        if (r && r.failed > 0)
          tasks.push({
            id: 'failed-logins',
            severity: 'info',
            titleKey: 'home.task.failedLogins',
            params: { count: r.failed },
            href: '/audit?action=auth.login_failed',
          });
      }
      tasks.push(...(await consultTasks(db, auth)));
      return { tasks };
    },
  };
}
