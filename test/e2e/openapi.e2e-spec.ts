import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestApp, useTestApp } from '../support/test-app';

describe('openapi.json', () => {
  const app = useTestApp();
  let t: TestApp;

  beforeAll(() => {
    t = app();
  });

  it('is what the running app serves (regenerate with `npm run openapi`)', async () => {
    const served = (await t.http().get('/docs-json').expect(200)).body;
    const committed = JSON.parse(readFileSync(join(__dirname, '..', '..', 'openapi.json'), 'utf8'));
    expect(served).toEqual(committed);
  });
});
