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

  it('lets only system admins see and retry outbox events', () => {
    expect(rolesGrant(['system_admin'], 'outbox.retry')).toBe(true);
    expect(rolesGrant(['school_admin', 'instructor', 'learner', 'stats_viewer'], 'outbox.read')).toBe(false);
    expect(rolesGrant([], 'outbox.read')).toBe(false);
  });

  it('lets only system admins read the audit log', () => {
    expect(rolesGrant(['system_admin'], 'audit.read')).toBe(true);
    for (const role of ['school_admin', 'instructor', 'learner', 'stats_viewer'] as const) {
      expect(rolesGrant([role], 'audit.read')).toBe(false);
    }
  });
});
