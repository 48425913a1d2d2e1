/** The one permission matrix: which role may do what. Scope (the org subtree) is checked in services. */
export const ROLES = ['system_admin', 'school_admin', 'instructor', 'learner', 'stats_viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = ['outbox.read', 'outbox.retry', 'audit.read'] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const PERMISSION_MATRIX: Record<Role, readonly Permission[]> = {
  system_admin: PERMISSIONS,
  school_admin: [],
  instructor: [],
  learner: [],
  stats_viewer: [],
};

export function rolesGrant(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((role) => PERMISSION_MATRIX[role]?.includes(permission));
}
