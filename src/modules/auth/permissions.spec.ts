import { PERMISSION_MATRIX, PERMISSIONS, ROLES, rolesGrant } from './permissions';

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
