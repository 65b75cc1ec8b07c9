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
  /** With `nav`: listed only for who holds one of these at the active facility (the page itself stays open to all). */
  navIf?: readonly Permission[];
  /** With `nav`: not listed for who holds one of these at the active facility (a patient's menu has no staff pages). */
  navUnless?: readonly Permission[];
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
const PatientsPage = lazy(() => import('../features/patients/PatientsPage').then((m) => ({ default: m.PatientsPage })));
const PatientPage = lazy(() => import('../features/patients/PatientPage').then((m) => ({ default: m.PatientPage })));
const ConsultsPage = lazy(() => import('../features/consults/ConsultsPage').then((m) => ({ default: m.ConsultsPage })));
const ConsultFormPage = lazy(() => import('../features/consults/ConsultFormPage').then((m) => ({ default: m.ConsultFormPage })));
const ConsultPage = lazy(() => import('../features/consults/ConsultPage').then((m) => ({ default: m.ConsultPage })));
const TriagePage = lazy(() => import('../features/consults/TriagePage').then((m) => ({ default: m.TriagePage })));
const SessionsPage = lazy(() => import('../features/sessions/SessionsPage').then((m) => ({ default: m.SessionsPage })));
const SessionFormPage = lazy(() => import('../features/sessions/SessionFormPage').then((m) => ({ default: m.SessionFormPage })));
const SessionPage = lazy(() => import('../features/sessions/SessionPage').then((m) => ({ default: m.SessionPage })));
const RoomPage = lazy(() => import('../features/rooms/RoomPage').then((m) => ({ default: m.RoomPage })));
const PatientHomePage = lazy(() => import('../features/homecare/PatientHomePage').then((m) => ({ default: m.PatientHomePage })));
const BookPage = lazy(() => import('../features/homecare/BookPage').then((m) => ({ default: m.BookPage })));
const VisitsPage = lazy(() => import('../features/homecare/VisitsPage').then((m) => ({ default: m.VisitsPage })));
const VisitPage = lazy(() => import('../features/homecare/VisitPage').then((m) => ({ default: m.VisitPage })));
const WalkInPage = lazy(() => import('../features/homecare/WalkInPage').then((m) => ({ default: m.WalkInPage })));
const TicketPage = lazy(() => import('../features/homecare/TicketPage').then((m) => ({ default: m.TicketPage })));
const ProfilePage = lazy(() => import('../features/homecare/ProfilePage').then((m) => ({ default: m.ProfilePage })));
const SchedulePage = lazy(() => import('../features/homecare/SchedulePage').then((m) => ({ default: m.SchedulePage })));
const DoctorVisitPage = lazy(() => import('../features/homecare/DoctorVisitPage').then((m) => ({ default: m.DoctorVisitPage })));
const RecordPage = lazy(() => import('../features/homecare/RecordPage').then((m) => ({ default: m.RecordPage })));

/**
 * The signed-in pages by path; the order is the navbar's. Exact paths win over `:name` patterns, so
 * `/facilities/new` is never read as a facility id. Per-facility rights (editing one facility) are checked
 * by the page itself.
 */
export const ROUTES: Readonly<Record<string, RouteDef>> = {
  '/': { component: HomePage, titleKey: 'nav.home', nav: true, navUnless: ['visit.book'] },
  // A patient at home (`visit.book`): their own menu, phone-first pages.
  '/patient': { component: PatientHomePage, titleKey: 'patientNav.home', permission: 'visit.book', nav: true },
  '/patient/book': { component: BookPage, titleKey: 'patientNav.book', permission: 'visit.book', nav: true },
  '/patient/visits': { component: VisitsPage, titleKey: 'patientNav.visits', permission: 'visit.book', nav: true },
  '/patient/visits/:id': { component: VisitPage, titleKey: 'visit.title', permission: 'visit.book', section: '/patient/visits' },
  '/patient/walk-in': { component: WalkInPage, titleKey: 'patientNav.walkIn', permission: 'visit.book', nav: true },
  '/patient/walk-in/:walkInId/tickets/:visitId': {
    component: TicketPage,
    titleKey: 'ticket.title',
    permission: 'visit.book',
    section: '/patient/walk-in',
  },
  '/patient/record': { component: RecordPage, titleKey: 'patientNav.record', permission: 'visit.book', nav: true },
  '/patient/profile': { component: ProfilePage, titleKey: 'patientNav.profile', permission: 'visit.book', nav: true },
  '/consults': {
    component: ConsultsPage,
    titleKey: 'consult.list.title',
    nav: true,
    navIf: ['consult.create', 'consult.answer', 'consult.triage'],
  },
  '/consults/new': { component: ConsultFormPage, titleKey: 'consult.new', permission: 'consult.create', section: '/consults' },
  '/consults/:id/edit': { component: ConsultFormPage, titleKey: 'consult.edit', section: '/consults' },
  '/consults/:id': { component: ConsultPage, titleKey: 'case.title', section: '/consults' },
  '/triage': { component: TriagePage, titleKey: 'triage.title', permission: 'consult.triage', nav: true },
  '/patients': { component: PatientsPage, titleKey: 'patient.title', permission: 'patient.manage', nav: true },
  '/patients/:id': { component: PatientPage, titleKey: 'patient.detailTitle', section: '/patients' },
  '/network': { component: NetworkPage, titleKey: 'nav.network', permission: 'facility.read', nav: true },
  '/facilities': { component: FacilitiesPage, titleKey: 'nav.facilities', permission: 'facility.read', nav: true },
  '/facilities/new': { component: FacilityFormPage, titleKey: 'facility.new', permission: 'facility.create', section: '/facilities' },
  '/facilities/:id': { component: FacilityPage, titleKey: 'nav.facility', permission: 'facility.read', section: '/facilities' },
  '/facilities/:id/edit': { component: FacilityFormPage, titleKey: 'facility.edit', permission: 'facility.read', section: '/facilities' },
  '/sites/:id': { component: SitePage, titleKey: 'nav.site', permission: 'facility.read', section: '/facilities' },
  '/homecare/schedule': { component: SchedulePage, titleKey: 'schedule.nav', nav: true, navIf: ['visit.conduct', 'visit.manage'] },
  '/homecare/visits/:id': { component: DoctorVisitPage, titleKey: 'care.title', section: '/homecare/schedule' },
  '/sessions': { component: SessionsPage, titleKey: 'session.nav', nav: true, navUnless: ['visit.book'] },
  '/sessions/new': { component: SessionFormPage, titleKey: 'session.new', section: '/sessions' },
  '/sessions/:id': { component: SessionPage, titleKey: 'session.detailTitle', section: '/sessions' },
  '/rooms/:roomId': { component: RoomPage, titleKey: 'room.title', section: '/sessions' },
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
