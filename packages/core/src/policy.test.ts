import { describe, expect, it } from 'vitest';
import { can, canGrantRole, permissionsAt, ROLE_RULES, scopeOf, type Principal } from './policy.js';
import { ROLES } from './roles.js';

const at = (facilityId: string | null, role: Principal['memberships'][number]['role']): Principal => ({
  userId: 'u',
  memberships: [{ facilityId, role }],
});

describe('policy', () => {
  it('gives every role a rule and keeps patients out of staff data', () => {
    for (const r of ROLES) expect(ROLE_RULES[r]).toBeDefined();
    expect(can(at('f1', 'patient'), 'facility.read')).toBe(false);
    expect(can(at('f1', 'patient'), 'visit.book', 'f1')).toBe(true);
  });

  it('scopes facility roles to their facility and system roles to the network', () => {
    expect(can(at('f1', 'facility_admin'), 'audit.read', 'f1')).toBe(true);
    expect(can(at('f1', 'facility_admin'), 'audit.read', 'f2')).toBe(false);
    expect(can(at(null, 'system_admin'), 'audit.read', 'f2')).toBe(true);
    expect(scopeOf(at(null, 'system_admin'), 'audit.read')).toBe('all');
    expect(
      scopeOf(
        {
          userId: 'u',
          memberships: [
            { facilityId: 'f1', role: 'facility_admin' },
            { facilityId: 'f2', role: 'clinician' },
          ],
        },
        'audit.read',
      ),
    ).toEqual(['f1']);
    expect(scopeOf(at('f1', 'clinician'), 'audit.read')).toEqual([]);
  });

  it('combines roles held at different facilities without leaking between them', () => {
    const p: Principal = {
      userId: 'u',
      memberships: [
        { facilityId: 'a', role: 'clinician' },
        { facilityId: 'b', role: 'trainee' },
      ],
    };
    expect(permissionsAt(p, 'a')).toContain('consult.create');
    expect(permissionsAt(p, 'a')).not.toContain('training.attend');
    expect(permissionsAt(p, 'b')).toEqual(['geo.read', 'reference.read', 'facility.read', 'practitioner.read', 'training.attend']);
    expect(permissionsAt(p, null)).toEqual([]);
  });

  it('lets only a system admin grant system_admin, and a facility admin grant at their own facility', () => {
    expect(canGrantRole(at('f1', 'facility_admin'), 'system_admin', null)).toBe(false);
    expect(canGrantRole(at('f1', 'facility_admin'), 'specialist', 'f1')).toBe(true);
    expect(canGrantRole(at('f1', 'facility_admin'), 'specialist', 'f2')).toBe(false);
    expect(canGrantRole(at(null, 'system_admin'), 'system_admin', null)).toBe(true);
    expect(canGrantRole(at('f1', 'coordinator'), 'trainee', 'f1')).toBe(false);
  });
});
