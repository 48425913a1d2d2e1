import type { Principal } from './auth.decorators';
import {
  assignmentMayGrant,
  holdsEverywhere,
  isGlobalRole,
  isInstructor,
  isStaff,
  isSystemAdmin,
  PERMISSION_MATRIX,
  permissionScope,
  PERMISSIONS,
  Role,
  ROLES,
  rolesGrant,
} from './permissions';

function person(...roles: [Role, string | null][]): Principal {
  return { userId: 'u1', username: 'u1', roles: roles.map(([role, orgUnitId]) => ({ role, orgUnitId })) };
}

describe('permission matrix', () => {
  it('lists every role', () => {
    expect(Object.keys(PERMISSION_MATRIX).sort()).toEqual([...ROLES].sort());
  });

  it('only grants known permissions', () => {
    for (const granted of Object.values(PERMISSION_MATRIX)) {
      for (const permission of granted) expect(PERMISSIONS).toContain(permission);
    }
  });

  it('keeps platform operations and restructuring to system admins', () => {
    for (const permission of ['outbox.read', 'outbox.retry', 'org_units.restructure'] as const) {
      expect(rolesGrant(['system_admin'], permission)).toBe(true);
      expect(rolesGrant(['school_admin', 'instructor', 'learner', 'stats_viewer'], permission)).toBe(false);
    }
  });

  it('lets school admins manage people and units, instructors only read people', () => {
    expect(rolesGrant(['school_admin'], 'users.write')).toBe(true);
    expect(rolesGrant(['school_admin'], 'roles.grant')).toBe(true);
    expect(rolesGrant(['instructor'], 'users.read')).toBe(true);
    expect(rolesGrant(['instructor'], 'users.write')).toBe(false);
    expect(rolesGrant(['learner', 'stats_viewer'], 'users.read')).toBe(false);
    expect(rolesGrant([], 'org_units.read')).toBe(false);
  });

  it('lets only system admins read the audit log', () => {
    expect(rolesGrant(['system_admin'], 'audit.read')).toBe(true);
    for (const role of ['school_admin', 'instructor', 'learner', 'stats_viewer'] as const) {
      expect(rolesGrant([role], 'audit.read')).toBe(false);
    }
  });

  it('lets instructors and school admins write curricula, everyone read them', () => {
    expect(rolesGrant(['instructor'], 'curricula.write')).toBe(true);
    expect(rolesGrant(['school_admin'], 'curricula.write')).toBe(true);
    expect(rolesGrant(['learner', 'stats_viewer'], 'curricula.write')).toBe(false);
    for (const role of ROLES) expect(rolesGrant([role], 'curricula.read')).toBe(true);
  });
});

describe('permission scope', () => {
  it('is everywhere for a system admin, whatever other roles they hold', () => {
    expect(permissionScope(person(['school_admin', 'a'], ['system_admin', null]), 'users.write')).toBeNull();
    expect(holdsEverywhere(person(['system_admin', null]), 'roles.grant')).toBe(true);
  });

  it('is the units of the roles that grant the permission, once each', () => {
    const principal = person(['school_admin', 'a'], ['instructor', 'b'], ['school_admin', 'a'], ['learner', 'c']);
    expect(permissionScope(principal, 'users.write')).toEqual(['a']);
    expect(permissionScope(principal, 'curricula.write')).toEqual(['a', 'b']);
    expect(permissionScope(principal, 'outbox.read')).toEqual([]);
    expect(holdsEverywhere(principal, 'users.write')).toBe(false);
  });

  it("is an API key's unit for the permissions of its scopes, and nothing else", () => {
    const key: Principal = {
      userId: null,
      username: 'key',
      roles: [],
      apiKey: { id: 'k', scopes: ['users:read'], orgUnitId: 'a' },
    };
    expect(permissionScope(key, 'users.read')).toEqual(['a']);
    expect(permissionScope(key, 'classes.read')).toEqual([]);
  });
});

describe('role rules', () => {
  it('holds system_admin at no unit, and only that role', () => {
    expect(ROLES.filter(isGlobalRole)).toEqual(['system_admin']);
    expect(isSystemAdmin(person(['system_admin', null]))).toBe(true);
    expect(isSystemAdmin(person(['school_admin', 'a']))).toBe(false);
  });

  it('counts every role but learner as staff (they read published courses)', () => {
    for (const role of ROLES) expect(isStaff(person([role, 'a']))).toBe(role !== 'learner');
    expect(isStaff(person(['learner', 'a'], ['stats_viewer', 'a']))).toBe(true);
    expect(isStaff(person())).toBe(false);
  });

  it('lets an assigned instructor run a class: read it, sessions, enrolments, exams; not write it', () => {
    const instructor = person(['instructor', 'elsewhere']);
    for (const permission of ['classes.read', 'sessions.manage', 'enrollments.read', 'exams.manage'] as const) {
      expect(assignmentMayGrant(instructor, permission)).toBe(true);
    }
    for (const permission of ['classes.write', 'enrollments.write', 'users.read'] as const) {
      expect(assignmentMayGrant(instructor, permission)).toBe(false);
    }
  });

  it('grants nothing by assignment to non-instructors or API keys', () => {
    expect(isInstructor(person(['learner', 'a']))).toBe(false);
    expect(assignmentMayGrant(person(['learner', 'a'], ['school_admin', 'b']), 'classes.read')).toBe(false);
    const key: Principal = { userId: null, username: 'key', roles: [{ role: 'instructor', orgUnitId: 'a' }] };
    expect(assignmentMayGrant(key, 'classes.read')).toBe(false);
  });
});
