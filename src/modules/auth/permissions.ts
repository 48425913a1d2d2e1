/** The one permission matrix: which role may do what. Scope (the org subtree) is checked in services. */
export const ROLES = ['system_admin', 'school_admin', 'instructor', 'learner', 'stats_viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'outbox.read',
  'outbox.retry',
  'org_units.read',
  'org_units.write',
  'org_units.restructure',
  'users.read',
  'users.write',
  'roles.grant',
  'api_keys.manage',
  'audit.read',
  'curricula.read',
  'curricula.write',
  'classes.read',
  'classes.write',
  'sessions.manage',
  'enrollments.read',
  'enrollments.write',
  'exams.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const PERMISSION_MATRIX: Record<Role, readonly Permission[]> = {
  system_admin: PERMISSIONS,
  school_admin: [
    'org_units.read',
    'org_units.write',
    'users.read',
    'users.write',
    'roles.grant',
    'api_keys.manage',
    'curricula.read',
    'curricula.write',
    'classes.read',
    'classes.write',
    'sessions.manage',
    'enrollments.read',
    'enrollments.write',
    'exams.manage',
  ],
  instructor: [
    'org_units.read',
    'users.read',
    'curricula.read',
    'curricula.write',
    'classes.read',
    'sessions.manage',
    'enrollments.read',
    'exams.manage',
  ],
  // Learners read the courses and classes open to them or theirs only; the services narrow it.
  learner: ['org_units.read', 'curricula.read', 'classes.read'],
  stats_viewer: ['org_units.read', 'curricula.read', 'classes.read', 'enrollments.read'],
};

export function roleGrants(role: Role, permission: Permission): boolean {
  return PERMISSION_MATRIX[role]?.includes(permission) ?? false;
}

export function rolesGrant(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((role) => roleGrants(role, permission));
}

/** What an API key may be given, and the permission each scope stands for. */
export const API_KEY_SCOPES = {
  'org_units:read': 'org_units.read',
  'users:read': 'users.read',
  'classes:read': 'classes.read',
  'enrollments:read': 'enrollments.read',
} as const satisfies Record<string, Permission>;
export type ApiKeyScope = keyof typeof API_KEY_SCOPES;

export function scopesGrant(scopes: readonly string[], permission: Permission): boolean {
  return scopes.some((scope) => API_KEY_SCOPES[scope as ApiKeyScope] === permission);
}
