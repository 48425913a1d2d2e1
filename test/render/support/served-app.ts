import { freePort } from '../../support/main-process';
import { TestApp, TestAppOptions, useTestApp } from '../../support/test-app';

/**
 * `useTestApp` listening on a real port, with PUBLIC_BASE_URL set to that address before the app
 * starts: the verify URLs it prints and encodes in QR codes lead a browser back to this test server.
 */
export function useServedTestApp(): () => TestApp & { origin: string } {
  const options: TestAppOptions & { env: Record<string, string> } = { env: {} };
  let port = 0;
  // Runs before useTestApp's own beforeAll, which reads `options` only then.
  beforeAll(async () => {
    port = await freePort();
    options.env.PUBLIC_BASE_URL = `http://127.0.0.1:${port}`;
  });
  const app = useTestApp(options);
  beforeAll(async () => {
    await app().app.listen(port, '127.0.0.1');
  });
  return () => ({ ...app(), origin: options.env.PUBLIC_BASE_URL });
}
