import { lazy } from 'react';
import type { ComponentType, LazyExoticComponent } from 'react';
import type { Permission } from '@vuonxa/core';
import type { MessageKey } from '../i18n/i18n';

export interface RouteDef {
  component: LazyExoticComponent<ComponentType>;
  titleKey: MessageKey;
  /** Shown in the navbar and reachable only with this permission at the active facility. */
  permission?: Permission;
}

// One chunk per page: a clinician never downloads the audit or user administration screens.
const HomePage = lazy(() => import('../features/home/HomePage').then((m) => ({ default: m.HomePage })));
const SecurityPage = lazy(() => import('../features/security/SecurityPage').then((m) => ({ default: m.SecurityPage })));
const AuditPage = lazy(() => import('../features/audit/AuditPage').then((m) => ({ default: m.AuditPage })));
const UsersPage = lazy(() => import('../features/admin-users/UsersPage').then((m) => ({ default: m.UsersPage })));

/** The signed-in pages by path; the order is the navbar's. */
export const ROUTES: Readonly<Record<string, RouteDef>> = {
  '/': { component: HomePage, titleKey: 'nav.home' },
  '/audit': { component: AuditPage, titleKey: 'nav.audit', permission: 'audit.read' },
  '/admin/users': { component: UsersPage, titleKey: 'nav.users', permission: 'user.read' },
  '/security': { component: SecurityPage, titleKey: 'nav.security' },
};
