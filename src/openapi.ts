import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { version } from '../package.json';
import { documentedResponse } from './common/api-problems';
import { databaseUnavailable } from './common/problem';
import { overloaded } from './modules/health/health.errors';
import { PERMISSION_EXTENSION } from './modules/auth/auth.decorators';
import { API_KEY_SCOPES, isGlobalRole, Permission, PERMISSION_MATRIX, ROLES } from './modules/auth/permissions';

/** The features, in the order a client developer meets them; each operation carries one. */
const TAGS: [name: string, description: string][] = [
  ['auth', 'Log in, renew and end sessions, activate an imported account.'],
  ['me', "The caller's own account."],
  [
    'org-units',
    'The organisation tree (academy → schools → centres → party cells): a role held at a unit covers its subtree.',
  ],
  ['users', 'People in scope, their roles, and CSV/XLSX imports of people.'],
  ['api-keys', "Keys for machine clients (a provincial school's system): scopes and a unit."],
  ['curricula', 'Programmes, courses (one version of a curriculum each), lessons, attachments, course packages.'],
  ['question bank', "A course's questions and their import (JSON, CSV, GIFT, Aiken)."],
  ['classes', 'Class runs of a published course, their sessions, attendance, check-in and calendars.'],
  ['enrollments', 'Seats in classes, approval, lesson progress, completion and closing a class.'],
  ['exams', 'Exams of a class, attempts with autosave, grading and regrading.'],
  ['certificates', 'Certificates, their PDFs and signed credentials, public verification and issuer keys.'],
  ['notifications', "The caller's notifications and delivery preferences."],
  ['webhooks', "Signed HTTP callbacks for a unit's events, and their deliveries."],
  ['stats', 'Reporting across the organisation tree.'],
  ['imports', 'Progress and row errors of asynchronous imports.'],
  ['admin', 'System administration: the audit log and the outbox of side effects.'],
  ['operations', 'Liveness and readiness probes for the platform.'],
];

const DESCRIPTION = `Hệ thống quản lý bồi dưỡng lý luận chính trị: chương trình, lớp học, ghi danh, điểm danh, thi, chứng nhận và thống kê.

This is the reference a client is written against. Every operation says what it does, who may call it and how it fails.

- **Base path** \`/api/v1\`; JSON in and out, camelCase fields, UUID ids, ISO 8601 times with offset.
- **Authentication**: \`Authorization: Bearer <accessToken>\` from \`POST /auth/login\` (15 minutes; renew with \`POST /auth/refresh\`), or \`X-Api-Key\` for machine clients. Use **Authorize** above to try operations.
- **Who may call**: a role is held at an org unit and covers its subtree; a \`system_admin\` reaches everything. Each operation names its permission and the roles that hold it; services narrow further (a learner sees only their own enrolments, attempts and certificates).
- **Lists** take \`limit\` (default 50, max 200) and \`cursor\`, and answer \`{ items, nextCursor }\`.
- **Errors** are \`application/problem+json\` (RFC 9457): \`{ type, title, status, detail, code, errors? }\`. Program against \`code\`; \`detail\` is Vietnamese text for the user. 404 also means "not visible to you". Besides the codes each operation lists, any request may get \`malformed_body\` (400, unreadable JSON), \`payload_too_large\` (413), \`unsupported_media_type\` (415), \`route_not_found\` (404), \`concurrent_update\` (409, retry it) or \`internal_error\` (500, a bug: quote its \`errorId\`).
- **Overload and outages**: any operation may answer 503 with \`Retry-After\`, \`overloaded\` (the process sheds load) or \`service_unavailable\` (the database cannot be reached). Nothing was done: retry after that many seconds, with some jitter, and with the same \`Idempotency-Key\` for a write.
- **Retries**: writes marked with an \`Idempotency-Key\` header return the first answer when repeated; \`PUT\` operations are idempotent by nature.`;

/** The 503 every operation shares, documented once. */
const UNAVAILABLE = 'Unavailable';

const ROLE_HOLDERS = (permission: Permission) => ROLES.filter((role) => PERMISSION_MATRIX[role].includes(permission));

/** Who holds a permission, from the one matrix, so the manual cannot drift from the guard. */
export function describePermission(permission: Permission): string {
  const roles = ROLE_HOLDERS(permission)
    .filter((role) => !isGlobalRole(role))
    .map((role) => `\`${role}\``);
  const held = roles.length
    ? `held by \`system_admin\` everywhere and by ${roles.join(', ')} in the subtree of the unit where the role is held.`
    : 'held by `system_admin` only.';
  const scopes = Object.entries(API_KEY_SCOPES)
    .filter(([, granted]) => granted === permission)
    .map(([scope]) => `\`${scope}\``);
  const keys = scopes.length ? ` API keys with scope ${scopes.join(', ')}.` : '';
  return `**Permission** \`${permission}\`: ${held}${keys}`;
}

/** The OpenAPI document of the running code; `openapi.json` is this, committed. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Lyluan API')
    .setDescription(DESCRIPTION)
    .setVersion(version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }, 'api-key');
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build(), { ignoreGlobalPrefix: false });
  // Liveness is a plain Fastify route (see app.factory.ts), so Nest does not list it by itself.
  document.paths['/health'] = {
    get: {
      operationId: 'health_live',
      summary: 'Liveness: the process serves requests',
      description: 'Answered by the HTTP layer without touching PostgreSQL or Redis; public. Probe it often.',
      tags: ['operations'],
      responses: {
        '200': {
          description: 'Alive',
          content: { 'application/json': { schema: { type: 'object', example: { status: 'ok' } } } },
        },
      },
    },
  };
  // Any request but the liveness probe may be refused so; readiness documents its own 503.
  document.components = {
    ...document.components,
    responses: {
      ...document.components?.responses,
      [UNAVAILABLE]: documentedResponse(503, [
        { problem: overloaded(), when: 'the process is past its capacity and sheds requests' },
        { problem: databaseUnavailable(), when: 'PostgreSQL cannot be reached or gives no connection in time' },
      ]),
    },
  };
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const operation of Object.values(operations) as Record<string, unknown>[]) {
      const responses = operation.responses as Record<string, unknown>;
      if (path !== '/health' && !responses['503']) responses['503'] = { $ref: `#/components/responses/${UNAVAILABLE}` };
      const permission = operation[PERMISSION_EXTENSION] as Permission | undefined;
      if (permission && typeof operation.description === 'string') {
        operation.description = `${operation.description}\n\n${describePermission(permission)}`;
      }
    }
  }
  return document;
}
