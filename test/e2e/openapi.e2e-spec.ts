import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dropTestResources, startTestApp, TestApp } from '../support/test-app';

describe('openapi.json', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
    await dropTestResources(t.env, t.database);
  });

  it('is what the running app serves (regenerate with `npm run openapi`)', async () => {
    const served = (await t.http().get('/docs-json').expect(200)).body;
    const committed = JSON.parse(readFileSync(join(__dirname, '..', '..', 'openapi.json'), 'utf8'));
    expect(served).toEqual(committed);
  });
});
