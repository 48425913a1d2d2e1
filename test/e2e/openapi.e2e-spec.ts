import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';
import { TestApp, useTestApp } from '../support/test-app';

type Operation = {
  summary?: string;
  description?: string;
  parameters?: unknown[];
  requestBody?: { content?: Record<string, { schema?: Schema; examples?: unknown; example?: unknown }> };
  security?: unknown[];
  responses: Record<string, { content?: Record<string, { examples?: Record<string, { value?: { code?: string } }> }> }>;
};
type Schema = {
  $ref?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  example?: unknown;
  enum?: unknown[];
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

function operations(document: OpenAPIObject): [string, Operation][] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => method in item).map(
      (method) =>
        [`${method.toUpperCase()} ${path}`, (item as Record<string, Operation>)[method]] as [string, Operation],
    ),
  );
}

/** Properties of a request body, nested ones too, that give a client no example value. */
function withoutExample(document: OpenAPIObject, schema: Schema | undefined, seen = new Set<string>()): string[] {
  if (!schema) return [];
  const ref = schema.$ref ?? schema.allOf?.[0]?.$ref ?? schema.items?.$ref;
  if (ref) {
    const name = ref.split('/').pop()!;
    if (seen.has(name)) return [];
    seen.add(name);
    return withoutExample(document, document.components!.schemas![name] as Schema, seen).map((p) => `${name}.${p}`);
  }
  return Object.entries(schema.properties ?? {}).flatMap(([name, property]) => {
    const nested = property.$ref ?? property.allOf?.[0]?.$ref ?? property.items?.$ref;
    if (nested) return withoutExample(document, property, seen);
    const item = property.items ?? property;
    const shown = property.example !== undefined || item.example !== undefined || !!(property.enum ?? item.enum);
    return shown ? [] : [name];
  });
}

/**
 * What an operation lacks to be usable from the manual alone: a one-line summary, a description (what it
 * does, who may call it), its 4xx answers as problem+json with their codes, and examples for a JSON
 * body. An operation that takes no input and no credentials (liveness, published keys) cannot fail
 * by the client's fault, so it needs no 4xx.
 */
function lacks(document: OpenAPIObject, operation: Operation): string[] {
  const found: string[] = [];
  if (!operation.summary?.trim()) found.push('no summary');
  else if (operation.summary.includes('\n')) found.push('a summary of more than one line');
  if (!operation.description?.trim()) found.push('no description');
  const clientErrors = Object.entries(operation.responses).filter(([status]) => /^4\d\d$/.test(status));
  const takesInput = !!operation.parameters?.length || !!operation.requestBody || !!operation.security?.length;
  if (takesInput && clientErrors.length === 0) found.push('no 4xx response');
  for (const [status, response] of clientErrors) {
    const examples = Object.values(response.content?.['application/problem+json']?.examples ?? {});
    if (!examples.some((example) => example.value?.code)) {
      found.push(`a ${status} without problem+json codes (use @ApiProblems)`);
    }
  }
  const json = operation.requestBody?.content?.['application/json'];
  if (json && !json.examples && json.example === undefined) {
    const missing = withoutExample(document, json.schema);
    if (missing.length) found.push(`request body fields without example: ${missing.join(', ')}`);
  }
  return found;
}

describe('openapi.json', () => {
  const app = useTestApp();
  let t: TestApp;
  let served: OpenAPIObject;

  beforeAll(async () => {
    t = app();
    served = (await t.http().get('/docs-json').expect(200)).body;
  });

  it('is what the running app serves (regenerate with `npm run openapi`)', () => {
    const committed = JSON.parse(readFileSync(join(__dirname, '..', '..', 'openapi.json'), 'utf8'));
    expect(served).toEqual(committed);
  });

  it('documents every operation: summary, description, 4xx codes, body examples', () => {
    const offenders = operations(served)
      .map(([name, operation]) => [name, lacks(served, operation)] as const)
      .filter(([, found]) => found.length > 0)
      .map(([name, found]) => `${name}: ${found.join('; ')}`);
    expect(offenders).toEqual([]);
  });

  it('notices an undocumented operation, naming it', () => {
    const bare: OpenAPIObject = {
      ...served,
      paths: { '/api/v1/things/{id}': { get: { parameters: [{ name: 'id', in: 'path' }], responses: {} } } },
    };
    const [[name, operation]] = operations(bare);
    expect(name).toBe('GET /api/v1/things/{id}');
    expect(lacks(bare, operation)).toEqual(['no summary', 'no description', 'no 4xx response']);
  });

  it('describes who may call an operation from the permission matrix', () => {
    const create = served.paths['/api/v1/classes'].post as unknown as Operation & Record<string, unknown>;
    expect(create['x-permission']).toBe('classes.write');
    expect(create.description).toContain(
      '**Permission** `classes.write`: held by `system_admin` everywhere and by `school_admin` in the subtree',
    );
    expect(Object.keys(create.responses['403'].content?.['application/problem+json'].examples ?? {})).toContain(
      'forbidden',
    );
  });

  it('says that autosave is idempotent', () => {
    expect(served.paths['/api/v1/attempts/{id}/answers'].put!.summary).toMatch(/idempotent/i);
  });

  it('groups the operations under described tags', () => {
    const described = new Set(served.tags!.filter((tag) => tag.description).map((tag) => tag.name));
    const used = new Set(operations(served).flatMap(([, operation]) => (operation as { tags?: string[] }).tags ?? []));
    expect([...used].filter((tag) => !described.has(tag))).toEqual([]);
  });
});
