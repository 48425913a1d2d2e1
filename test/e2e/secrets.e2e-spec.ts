import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import type { LightMyRequestResponse } from 'fastify';
import { generatedKeysFile } from '../../src/modules/certificates/credentials/signing-keys';
import { referenceCourseId, unitId } from '../support/actors';
import { certificatesOf, runClass, saveSettings } from '../support/certificates';
import { createClass, openClass } from '../support/classes';
import { ADMIN, eventually, TestApp, useTestApp } from '../support/test-app';

/**
 * Secrets never leave: a representative flow at LOG_LEVEL=debug, every log line and every answer
 * (status line, headers, body) kept, then each secret looked for in all of them, as it is and in
 * base64, base64url and URL encoding. A secret may appear only in the one answer that shows it to
 * its creator (the tokens of a login, an API key at creation, a webhook secret at creation, the
 * activation codes file, the dashboard cookie), never in a log line and never anywhere else.
 */

const JWT_SECRET = 'bi-mat-ky-jwt-cua-phep-thu-secrets-2026';
const METRICS_TOKEN = 'ma-doc-chi-so-cua-phep-thu-2026';
const CLIENT_WEBHOOK_SECRET = `whsec_${Buffer.from('khoa-webhook-do-khach-chon-2026!').toString('base64')}`;

interface Answer {
  label: string;
  text: string;
}

/** The forms a secret could take in a log line or an answer. */
const encodings = (secret: string) => [
  secret,
  Buffer.from(secret).toString('base64'),
  Buffer.from(secret).toString('base64url'),
  encodeURIComponent(secret),
];

describe('secrets never leave: not in logs, not in answers other than the one that shows them', () => {
  const lines: string[] = [];
  const app = useTestApp({
    env: { LOG_LEVEL: 'debug', JWT_SECRET, METRICS_TOKEN, WEBHOOK_ALLOW_PRIVATE: 'true' },
    logTo: { write: (line: string) => lines.push(line) },
  });
  let t: TestApp;
  let receiver: Server;
  const delivered: string[] = [];
  const answers: Answer[] = [];
  /** Each secret, and the labels of the answers allowed to show it. */
  const secrets = new Map<string, { name: string; shownIn: string[] }>();
  const secret = (name: string, value: string, ...shownIn: string[]) => {
    expect(value.length).toBeGreaterThanOrEqual(8);
    // Two tokens made in the same second with the same claims are the same token.
    const known = secrets.get(value);
    secrets.set(value, { name: known?.name ?? name, shownIn: [...(known?.shownIn ?? []), ...shownIn] });
  };

  /** A request through the real app; its answer is kept under `label` for the scan. */
  const call = async (
    label: string,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    options: {
      token?: string;
      headers?: Record<string, string>;
      body?: unknown;
      payload?: Buffer;
      status?: number;
    } = {},
  ): Promise<LightMyRequestResponse> => {
    const res = await t.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method,
        url,
        headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers },
        ...(options.payload ? { payload: options.payload } : options.body ? { payload: options.body as object } : {}),
      });
    answers.push({ label, text: `${res.statusCode}\n${JSON.stringify(res.headers)}\n${res.payload}` });
    if (options.status && res.statusCode !== options.status)
      throw new Error(`${label}: ${res.statusCode} ${res.payload}`);
    return res;
  };

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        delivered.push(body);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    t = app();
  });

  afterAll(async () => {
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('runs the flow, then finds no secret outside the answer that shows it', async () => {
    secret('JWT_SECRET', JWT_SECRET);
    secret('METRICS_TOKEN', METRICS_TOKEN);
    secret('the admin password', ADMIN.password);

    // Sign-in, a failed one, refresh, logout.
    const wrong = 'mat-khau-go-nham-2026';
    secret('a mistyped password', wrong);
    await call('login, wrong password', 'POST', '/api/v1/auth/login', {
      body: { ...ADMIN, password: wrong },
      status: 401,
    });
    const login = (await call('admin login', 'POST', '/api/v1/auth/login', { body: ADMIN, status: 200 })).json();
    secret('the first access token', login.accessToken, 'admin login');
    secret('the first refresh token', login.refreshToken, 'admin login');
    const refreshed = (
      await call('refresh', 'POST', '/api/v1/auth/refresh', { body: { refreshToken: login.refreshToken }, status: 200 })
    ).json();
    secret('the refreshed access token', refreshed.accessToken, 'refresh');
    secret('the refreshed refresh token', refreshed.refreshToken, 'refresh');
    const token = refreshed.accessToken as string;
    await call('me', 'GET', '/api/v1/me', { token, status: 200 });
    const spare = (await call('spare login', 'POST', '/api/v1/auth/login', { body: ADMIN, status: 200 })).json();
    secret('a logged-out refresh token', spare.refreshToken, 'spare login');
    await call('logout', 'POST', '/api/v1/auth/logout', {
      token: spare.accessToken,
      body: { refreshToken: spare.refreshToken },
      status: 204,
    });
    await call('reused refresh', 'POST', '/api/v1/auth/refresh', {
      body: { refreshToken: spare.refreshToken },
      status: 401,
    });

    // A person made with a password, who signs in and changes it.
    const orgUnitId = await unitId(t, 'TCT-TUYENQUANG');
    const first = 'mat-khau-ban-dau-2026';
    const changed = 'mat-khau-da-doi-2026';
    secret('a new user’s password', first);
    secret('a changed password', changed);
    await call('create user', 'POST', '/api/v1/users', {
      token,
      body: { username: 'hv.bimat', fullName: 'Lê Thị Bí Mật', password: first, orgUnitId },
      status: 201,
    });
    const person = (
      await call('person login', 'POST', '/api/v1/auth/login', {
        body: { username: 'hv.bimat', password: first },
        status: 200,
      })
    ).json();
    secret('the person’s token', person.accessToken, 'person login');
    secret('the person’s refresh token', person.refreshToken, 'person login');
    await call('password change', 'PATCH', '/api/v1/me', {
      token: person.accessToken,
      body: { password: { current: first, new: changed } },
      status: 200,
    });
    const again = (
      await call('login, changed password', 'POST', '/api/v1/auth/login', {
        body: { username: 'hv.bimat', password: changed },
        status: 200,
      })
    ).json();
    secret('the token after the change', again.accessToken, 'login, changed password');
    secret('the refresh token after the change', again.refreshToken, 'login, changed password');

    // An API key, shown once, then used.
    const key = (
      await call('create API key', 'POST', '/api/v1/api-keys', {
        token,
        body: { name: 'Hệ thống tỉnh Tuyên Quang', orgUnitId, scopes: ['stats:read'] },
        status: 201,
      })
    ).json();
    secret('an API key', key.key, 'create API key');
    await call('stats by API key', 'GET', `/api/v1/stats/completion?orgUnitId=${orgUnitId}`, {
      headers: { 'x-api-key': key.key },
      status: 200,
    });
    await call('list API keys', 'GET', '/api/v1/api-keys', { token });

    // Webhooks: one with the client's secret, one with a secret made for it; an event delivered.
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/lyluan`;
    const chosen = (
      await call('create webhook, own secret', 'POST', '/api/v1/webhooks', {
        token,
        body: { url, events: ['class.closed'], orgUnitId, secret: CLIENT_WEBHOOK_SECRET },
        status: 201,
      })
    ).json();
    expect(chosen.secret).toBe(CLIENT_WEBHOOK_SECRET);
    secret('a chosen webhook secret', CLIENT_WEBHOOK_SECRET, 'create webhook, own secret');
    secret('the chosen secret’s key bytes', CLIENT_WEBHOOK_SECRET.slice('whsec_'.length), 'create webhook, own secret');
    const made = (
      await call('create webhook, made secret', 'POST', '/api/v1/webhooks', {
        token,
        body: { url, events: ['class.closed'], orgUnitId },
        status: 201,
      })
    ).json();
    secret('a made webhook secret', made.secret, 'create webhook, made secret');
    secret('the made secret’s key bytes', made.secret.slice('whsec_'.length), 'create webhook, made secret');
    const courseId = await referenceCourseId(t);
    const closing = await createClass(t, { authorization: `Bearer ${token}` }, { courseId, orgUnitId });
    await openClass(t, { authorization: `Bearer ${token}` }, closing.id);
    await call('close class', 'POST', `/api/v1/classes/${closing.id}/close`, { token, status: 200 });
    await eventually(async () => delivered.length >= 2);
    for (const id of [chosen.id, made.id])
      await call('deliveries', 'GET', `/api/v1/webhooks/${id}/deliveries`, { token });
    await call('list webhooks', 'GET', '/api/v1/webhooks', { token });

    // Activation codes: an import, its codes file (once), an activation.
    const csv = Buffer.from(
      'username,fullName,dateOfBirth,email,phone,partyStatus,partyAdmissionDate,orgUnitCode\n' +
        'hv.kichhoat,Vàng A Sùng,1996-05-06,,,none,,TCT-TUYENQUANG\n',
    );
    const boundary = 'ranh-gioi';
    const upload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="nguoi.csv"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
      csv,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const accepted = (
      await call('import people', 'POST', '/api/v1/users/import', {
        token,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: upload,
        status: 202,
      })
    ).json();
    await eventually(
      async () =>
        (await call('import progress', 'GET', `/api/v1/imports/${accepted.importId}`, { token })).json().status ===
        'done',
    );
    const codes = await call('activation codes', 'GET', `/api/v1/imports/${accepted.importId}/activation-codes.csv`, {
      token,
      status: 200,
    });
    const code = codes.payload
      .split('\n')
      .find((row) => row.startsWith('hv.kichhoat'))!
      .split(',')[2];
    secret('an activation code', code, 'activation codes');
    await call('activation codes again', 'GET', `/api/v1/imports/${accepted.importId}/activation-codes.csv`, { token });
    const own = 'mat-khau-tu-dat-2026';
    secret('a password set at activation', own);
    await call('activate', 'POST', '/api/v1/auth/activate', {
      body: { username: 'hv.kichhoat', code, newPassword: own },
      status: 204,
    });

    // A certificate and its signed credential; the signing key's private part.
    await saveSettings(t, { authorization: `Bearer ${token}` }, 'TCT-TUYENQUANG');
    const run = await runClass(t, { authorization: `Bearer ${token}` }, { courseId, orgUnitId }, [
      { username: 'hv.chungchi', fullName: 'Nguyễn Văn Chứng', dateOfBirth: '1990-01-02', outcome: 'present' },
    ]);
    const [certificate] = await certificatesOf(t, { authorization: `Bearer ${token}` }, run.classId, 1);
    await call('credential', 'GET', `/api/v1/certificates/${certificate.id}/credential`, { token, status: 200 });
    await call('jwks', 'GET', '/.well-known/jwks.json');
    await call('did', 'GET', '/.well-known/did.json');
    const [jwk] = JSON.parse(await readFile(generatedKeysFile(t.env.STORAGE_DIR), 'utf8'));
    secret('the credential signing key', jwk.d);

    // The dashboard cookie, metrics, and what admins read back: audit log, outbox, people.
    const board = await call('queue board session', 'POST', '/api/v1/admin/queues/session', { token, status: 204 });
    const cookie = String(board.headers['set-cookie']).split(';')[0].split('=').slice(1).join('=');
    secret('the queue board cookie', cookie, 'queue board session');
    await call('metrics', 'GET', '/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` }, status: 200 });
    await call('audit log', 'GET', '/api/v1/audit-log?limit=200', { token });
    const outbox = (await call('outbox', 'GET', '/api/v1/admin/outbox?limit=200', { token })).json();
    for (const row of outbox.items.slice(0, 20))
      await call('outbox row', 'GET', `/api/v1/admin/outbox/${row.id}`, { token });
    await call('users', 'GET', `/api/v1/users?orgUnitId=${orgUnitId}&limit=200`, { token });
    await call('me again', 'GET', '/api/v1/me', { token: again.accessToken });

    const leaks: string[] = [];
    for (const [value, { name, shownIn }] of secrets) {
      const forms = encodings(value);
      for (const [index, line] of lines.entries()) {
        if (forms.some((form) => line.includes(form)))
          leaks.push(`${name} in log line ${index}: ${line.slice(0, 300)}`);
      }
      for (const answer of answers) {
        if (!shownIn.includes(answer.label) && forms.some((form) => answer.text.includes(form))) {
          leaks.push(`${name} in the answer to "${answer.label}"`);
        }
      }
    }
    for (const [index, line] of lines.entries())
      if (/\$argon2/.test(line)) leaks.push(`a password hash in log line ${index}`);
    for (const answer of answers) if (/\$argon2/.test(answer.text)) leaks.push(`a password hash in "${answer.label}"`);
    expect(leaks).toEqual([]);
    // The scan saw what it scans: an access-log line per request (but /metrics) and every answer that shows a secret.
    const accessLines = lines.filter((line) => line.includes('"msg":"request completed"'));
    expect(accessLines.length).toBeGreaterThanOrEqual(answers.length - 1);
    for (const { shownIn } of secrets.values())
      for (const label of shownIn) expect(answers.map((a) => a.label)).toContain(label);
    expect(delivered.join('')).not.toContain('whsec_');
  });
});
