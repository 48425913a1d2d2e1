import type { Principal } from './auth.decorators';

/** The one permission matrix: which role may do what. Scope (the org subtree) is checked by the access module. */
export const ROLES = ['system_admin', 'school_admin', 'instructor', 'learner', 'stats_viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'outbox.read',
  'outbox.retry',
  'queues.read',
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
  'certificates.read',
  'certificates.issue',
  'webhooks.manage',
  'stats.read',
  'stats.clusters',
  'stats.plan',
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
    'certificates.read',
    'certificates.issue',
    'webhooks.manage',
    'stats.read',
    'stats.plan',
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
  stats_viewer: [
    'org_units.read',
    'curricula.read',
    'classes.read',
    'enrollments.read',
    'certificates.read',
    'stats.read',
  ],
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
  'stats:read': 'stats.read',
} as const satisfies Record<string, Permission>;
export type ApiKeyScope = keyof typeof API_KEY_SCOPES;

export function scopesGrant(scopes: readonly string[], permission: Permission): boolean {
  return scopes.some((scope) => API_KEY_SCOPES[scope as ApiKeyScope] === permission);
}

/**
 * Where a caller may use a permission: the units at whose subtrees they hold a role that grants it;
 * `null` means everywhere (a system admin). An API key: its unit, for the permissions of its scopes.
 */
export function permissionScope(principal: Principal, permission: Permission): string[] | null {
  if (principal.apiKey) {
    return scopesGrant(principal.apiKey.scopes, permission) ? [principal.apiKey.orgUnitId] : [];
  }
  const granting = principal.roles.filter((r) => roleGrants(r.role, permission));
  if (granting.some((r) => isGlobalRole(r.role))) return null;
  return [...new Set(granting.map((r) => r.orgUnitId).filter((id): id is string => !!id))];
}

/** The caller holds the permission over the whole tree, not only some subtrees. */
export function holdsEverywhere(principal: Principal, permission: Permission): boolean {
  return permissionScope(principal, permission) === null;
}

/** A role held at no unit: it reaches the whole tree, so only a system admin grants it. */
export function isGlobalRole(role: Role): boolean {
  return role === 'system_admin';
}

export function isSystemAdmin(principal: Principal): boolean {
  return principal.roles.some((r) => isGlobalRole(r.role));
}

export function isInstructor(principal: Principal): boolean {
  return principal.roles.some((r) => r.role === 'instructor');
}

/** Any staff role (not only learner): staff read published and archived courses, which every unit may run. */
export function isStaff(principal: Principal): boolean {
  return principal.roles.some((r) => r.role !== 'learner');
}

/** Permissions an instructor assigned to a class holds for it, wherever their own role sits. */
export const ASSIGNMENT_PERMISSIONS: readonly Permission[] = [
  'classes.read',
  'sessions.manage',
  'enrollments.read',
  'exams.manage',
];

/** Whether being assigned to a class may grant the permission there: only to a person who is an instructor. */
export function assignmentMayGrant(principal: Principal, permission: Permission): boolean {
  return !!principal.userId && ASSIGNMENT_PERMISSIONS.includes(permission) && isInstructor(principal);
}
