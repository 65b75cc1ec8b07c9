import type { Permission, Role } from '@vuonxa/core';
import type { MessageKey } from '../../i18n/i18n';

export interface Capability {
  key: MessageKey;
  /** The page that does it, when it exists; without `href` the card says "coming soon". */
  href?: string;
  /** Needed at the active facility for the link to be offered. */
  permission?: Permission;
}

/**
 * What each role comes to the platform for. Only what is built links somewhere; the rest is announced
 * honestly as coming, so nobody clicks into an empty screen.
 */
export const ROLE_CAPABILITIES: Readonly<Record<Role, readonly Capability[]>> = {
  system_admin: [
    { key: 'cap.manageUsers', href: '/admin/users', permission: 'user.read' },
    { key: 'cap.readAudit', href: '/audit', permission: 'audit.read' },
    { key: 'cap.manageFacilities', href: '/facilities', permission: 'facility.read' },
    { key: 'cap.networkDashboards', href: '/network', permission: 'facility.read' },
  ],
  facility_admin: [
    { key: 'cap.manageUsers', href: '/admin/users', permission: 'user.read' },
    { key: 'cap.readAudit', href: '/audit', permission: 'audit.read' },
    { key: 'cap.bridgeSites', href: '/facilities', permission: 'facility.read' },
  ],
  coordinator: [
    { key: 'cap.triageRequests', href: '/triage', permission: 'consult.triage' },
    { key: 'cap.scheduleSessions', href: '/sessions', permission: 'consult.triage' },
    { key: 'cap.viewStaff', href: '/admin/users', permission: 'user.read' },
  ],
  specialist: [
    { key: 'cap.answerQueue', href: '/consults?view=assigned', permission: 'consult.answer' },
    { key: 'cap.joinSession', href: '/sessions', permission: 'consult.read' },
    { key: 'cap.signReport', href: '/consults?view=assigned', permission: 'consult.answer' },
  ],
  clinician: [
    { key: 'cap.sendCase', href: '/consults/new', permission: 'consult.create' },
    { key: 'cap.joinSessionAudio' },
    { key: 'cap.readAnswers', href: '/consults', permission: 'consult.create' },
  ],
  site_operator: [{ key: 'cap.runRoom' }, { key: 'cap.testLink' }],
  patient: [{ key: 'cap.bookVisit' }, { key: 'cap.seeDoctor' }, { key: 'cap.prescriptions' }],
  trainee: [{ key: 'cap.attendLectures' }, { key: 'cap.cmeCredits' }],
};
