import type { Role } from './roles.js';

/**
 * What a role may do. One table, read by the server on every endpoint and by the web app to show only
 * what the user may use. Add a permission here first, then the endpoint that needs it.
 */
export const PERMISSIONS = [
  'geo.read',
  'reference.read',
  'facility.read',
  'facility.create',
  'facility.manage',
  'user.read',
  'user.manage',
  'membership.grant',
  'audit.read',
  'practitioner.read',
  'practitioner.manage',
  'supportlink.manage',
  'oncall.manage',
  'registry.import',
  'patient.manage',
  'consult.read',
  'consult.create',
  'consult.triage',
  'consult.answer',
  'session.operate',
  'training.attend',
  'visit.book',
  /** See patients at home: run visits, write notes and prescriptions, publish one's own visit hours. */
  'visit.conduct',
  /** A facility's home-care offer: services and fees, holidays, everyone's hours, the walk-in clinic. */
  'visit.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * `scope: 'global'` means the role acts on the whole network whatever facility it is held at;
 * `'facility'` means only on the facility of the membership that grants it.
 */
interface RoleRule {
  scope: 'global' | 'facility';
  permissions: readonly Permission[];
}

const STAFF_BASE: readonly Permission[] = ['geo.read', 'reference.read', 'facility.read', 'practitioner.read'];

export const ROLE_RULES: Record<Role, RoleRule> = {
  system_admin: {
    scope: 'global',
    permissions: [
      ...STAFF_BASE,
      'facility.create',
      'facility.manage',
      'user.read',
      'user.manage',
      'membership.grant',
      'audit.read',
      'practitioner.manage',
      'supportlink.manage',
      'oncall.manage',
      'registry.import',
    ],
  },
  facility_admin: {
    scope: 'facility',
    permissions: [
      ...STAFF_BASE,
      'facility.manage',
      'user.read',
      'user.manage',
      'membership.grant',
      'audit.read',
      'practitioner.manage',
      'oncall.manage',
      'visit.manage',
    ],
  },
  coordinator: { scope: 'facility', permissions: [...STAFF_BASE, 'consult.read', 'consult.triage', 'user.read', 'oncall.manage'] },
  specialist: { scope: 'facility', permissions: [...STAFF_BASE, 'consult.read', 'consult.answer', 'visit.conduct'] },
  clinician: { scope: 'facility', permissions: [...STAFF_BASE, 'patient.manage', 'consult.read', 'consult.create', 'visit.conduct'] },
  site_operator: { scope: 'facility', permissions: [...STAFF_BASE, 'consult.read', 'session.operate'] },
  // A patient's rights follow their own records (the accounts they act for), not a facility: network-wide.
  patient: { scope: 'global', permissions: ['visit.book'] },
  trainee: { scope: 'facility', permissions: [...STAFF_BASE, 'training.attend'] },
};

/** A role held at a facility; `facilityId` is null only for network-wide roles such as system_admin. */
export interface Membership {
  facilityId: string | null;
  role: Role;
}

export interface Principal {
  userId: string;
  memberships: readonly Membership[];
}

/**
 * Whether the principal may do `permission`, at `facilityId` when given, or anywhere when omitted.
 *
 * @example
 * can({ userId: 'u', memberships: [{ facilityId: 'f1', role: 'facility_admin' }] }, 'audit.read', 'f1'); // true
 * can({ userId: 'u', memberships: [{ facilityId: 'f1', role: 'facility_admin' }] }, 'audit.read', 'f2'); // false
 */
export function can(principal: Principal, permission: Permission, facilityId?: string | null): boolean {
  return principal.memberships.some((m) => {
    const rule = ROLE_RULES[m.role];
    if (!rule.permissions.includes(permission)) return false;
    if (rule.scope === 'global' || facilityId === undefined) return true;
    return m.facilityId !== null && m.facilityId === facilityId;
  });
}

/**
 * The facilities where the principal may do `permission`: `'all'` for a network-wide grant, otherwise the
 * list (possibly empty). Repositories use it to scope their queries so no handler can forget the filter.
 *
 * @example
 * scopeOf(principal, 'audit.read'); // 'all' | ['f1', 'f2']
 */
export function scopeOf(principal: Principal, permission: Permission): 'all' | string[] {
  const ids = new Set<string>();
  for (const m of principal.memberships) {
    const rule = ROLE_RULES[m.role];
    if (!rule.permissions.includes(permission)) continue;
    if (rule.scope === 'global') return 'all';
    if (m.facilityId) ids.add(m.facilityId);
  }
  return [...ids];
}

/** Every permission the principal holds at one facility (or network-wide), sorted, for the web app. */
export function permissionsAt(principal: Principal, facilityId: string | null): Permission[] {
  return PERMISSIONS.filter((p) => can(principal, p, facilityId));
}

/**
 * Which roles a granter may hand out at a facility. Only a system admin creates system admins; a facility
 * admin grants the other roles at their own facility.
 */
export function canGrantRole(principal: Principal, role: Role, facilityId: string | null): boolean {
  if (role === 'system_admin' || facilityId === null) {
    return principal.memberships.some((m) => m.role === 'system_admin');
  }
  return can(principal, 'membership.grant', facilityId);
}
