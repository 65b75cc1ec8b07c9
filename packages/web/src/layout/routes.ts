import { lazy } from 'react';
import type { ComponentType, LazyExoticComponent } from 'react';
import type { Permission } from '@vuonxa/core';
import type { MessageKey } from '../i18n/i18n';
import type { RouteParams } from '../router';

/** What a page receives: the `:name` segments of its path. */
export interface PageProps {
  params: RouteParams;
}

export interface RouteDef {
  component: LazyExoticComponent<ComponentType<PageProps>>;
  titleKey: MessageKey;
  /** Shown in the navbar and reachable only with this permission at the active facility. */
  permission?: Permission;
  /** Listed in the navbar; detail and form pages are reached from their list instead. */
  nav?: boolean;
  /** The navbar entry highlighted on this page, when it is not the page itself. */
  section?: string;
}

// One chunk per page: a clinician never downloads the audit or user administration screens.
const HomePage = lazy(() => import('../features/home/HomePage').then((m) => ({ default: m.HomePage })));
const SecurityPage = lazy(() => import('../features/security/SecurityPage').then((m) => ({ default: m.SecurityPage })));
const AuditPage = lazy(() => import('../features/audit/AuditPage').then((m) => ({ default: m.AuditPage })));
const UsersPage = lazy(() => import('../features/admin-users/UsersPage').then((m) => ({ default: m.UsersPage })));
const NetworkPage = lazy(() => import('../features/network/NetworkPage').then((m) => ({ default: m.NetworkPage })));
const FacilitiesPage = lazy(() => import('../features/facilities/FacilitiesPage').then((m) => ({ default: m.FacilitiesPage })));
const FacilityPage = lazy(() => import('../features/facilities/FacilityPage').then((m) => ({ default: m.FacilityPage })));
const FacilityFormPage = lazy(() => import('../features/facilities/FacilityFormPage').then((m) => ({ default: m.FacilityFormPage })));
const SitePage = lazy(() => import('../features/sites/SitePage').then((m) => ({ default: m.SitePage })));
const DirectoryPage = lazy(() => import('../features/directory/DirectoryPage').then((m) => ({ default: m.DirectoryPage })));
const PractitionerPage = lazy(() => import('../features/directory/PractitionerPage').then((m) => ({ default: m.PractitionerPage })));
const PractitionerFormPage = lazy(() =>
  import('../features/directory/PractitionerFormPage').then((m) => ({ default: m.PractitionerFormPage })),
);
const RegistryIoPage = lazy(() => import('../features/registry-io/RegistryIoPage').then((m) => ({ default: m.RegistryIoPage })));

/**
 * The signed-in pages by path; the order is the navbar's. Exact paths win over `:name` patterns, so
 * `/facilities/new` is never read as a facility id. Per-facility rights (editing one facility) are checked
 * by the page itself.
 */
export const ROUTES: Readonly<Record<string, RouteDef>> = {
  '/': { component: HomePage, titleKey: 'nav.home', nav: true },
  '/network': { component: NetworkPage, titleKey: 'nav.network', permission: 'facility.read', nav: true },
  '/facilities': { component: FacilitiesPage, titleKey: 'nav.facilities', permission: 'facility.read', nav: true },
  '/facilities/new': { component: FacilityFormPage, titleKey: 'facility.new', permission: 'facility.create', section: '/facilities' },
  '/facilities/:id': { component: FacilityPage, titleKey: 'nav.facility', permission: 'facility.read', section: '/facilities' },
  '/facilities/:id/edit': { component: FacilityFormPage, titleKey: 'facility.edit', permission: 'facility.read', section: '/facilities' },
  '/sites/:id': { component: SitePage, titleKey: 'nav.site', permission: 'facility.read', section: '/facilities' },
  '/directory': { component: DirectoryPage, titleKey: 'nav.directory', permission: 'practitioner.read', nav: true },
  '/practitioners/new': {
    component: PractitionerFormPage,
    titleKey: 'practitioner.new',
    permission: 'practitioner.read',
    section: '/directory',
  },
  '/practitioners/:id': {
    component: PractitionerPage,
    titleKey: 'nav.practitioner',
    permission: 'practitioner.read',
    section: '/directory',
  },
  '/practitioners/:id/edit': {
    component: PractitionerFormPage,
    titleKey: 'practitioner.edit',
    permission: 'practitioner.read',
    section: '/directory',
  },
  '/registry/import': { component: RegistryIoPage, titleKey: 'nav.registryIo', permission: 'registry.import', nav: true },
  '/audit': { component: AuditPage, titleKey: 'nav.audit', permission: 'audit.read', nav: true },
  '/admin/users': { component: UsersPage, titleKey: 'nav.users', permission: 'user.read', nav: true },
  '/security': { component: SecurityPage, titleKey: 'nav.security', nav: true },
};
