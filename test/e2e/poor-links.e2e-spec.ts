import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { LightMyRequestResponse } from 'fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asAdmin, Headers, loginAs, referenceCourseId, unitId } from '../support/actors';
import { certificatesOf, runClass, saveSettings } from '../support/certificates';
import { openClassWithLearners } from '../support/classes';
import { objectsOfEachKind } from '../support/objects';
import { TestApp, useTestApp } from '../support/test-app';

type Parameter = { name: string; in: string; required?: boolean };
type Operation = { parameters?: Parameter[]; responses?: Record<string, { content?: Record<string, unknown> }> };
const openapi = JSON.parse(readFileSync(join(__dirname, '..', '..', 'openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
};
/** Compressible (text) but stored as a PDF: it must come back byte for byte, never re-encoded. */
const PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n', 'latin1'),
  Buffer.alloc(8 * 1024, 'Bài giảng lý luận chính trị '),
]);

describe('poor links: compression and conditional GETs', () => {
  const app = useTestApp({ env: { WEBHOOK_ALLOW_PRIVATE: 'true' } });
  let t: TestApp;
  let admin: Headers;
  let learner: Headers;
  let attachmentId: string;

  /** Raw bytes as they go on the wire (supertest would inflate them). */
  const raw = async (url: string, headers: Record<string, string>): Promise<LightMyRequestResponse> =>
    t.app.getHttpAdapter().getInstance().inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    t = app();
    admin = await asAdmin(t);
    learner = await loginAs(t, 'hv.minhxuan.1');
    const draft = await t
      .http()
      .post(`/api/v1/courses/${await referenceCourseId(t)}/versions`)
      .set(admin)
      .send({})
      .expect(201);
    const [lesson] = (await t.http().get(`/api/v1/courses/${draft.body.id}/lessons`).set(admin).expect(200)).body.items;
    const upload = await t
      .http()
      .post(`/api/v1/lessons/${lesson.id}/attachments`)
      .set(admin)
      .attach('file', PDF, 'bai-giang.pdf')
      .expect(201);
    attachmentId = upload.body.id;
  });

  describe('compression', () => {
    it('sends GET /courses as brotli or gzip as asked, decoding to the same JSON', async () => {
      const plain = await raw('/api/v1/courses?limit=200', { ...admin, 'accept-encoding': 'identity' });
      expect(plain.statusCode).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.rawPayload.length).toBeGreaterThan(1024);

      const br = await raw('/api/v1/courses?limit=200', { ...admin, 'accept-encoding': 'br' });
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers.vary).toMatch(/accept-encoding/i);
      expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
      expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString('utf8'))).toEqual(JSON.parse(plain.payload));

      const gzip = await raw('/api/v1/courses?limit=200', { ...admin, 'accept-encoding': 'gzip' });
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(JSON.parse(gunzipSync(gzip.rawPayload).toString('utf8'))).toEqual(JSON.parse(plain.payload));
      // The ETag names the JSON, whatever its encoding on the wire.
      expect(gzip.headers.etag).toBe(plain.headers.etag);
    });

    it('leaves a small body as it is', async () => {
      const health = await raw('/health', { 'accept-encoding': 'br, gzip' });
      expect(health.payload).toBe('{"status":"ok"}');
      expect(health.headers['content-encoding']).toBeUndefined();
      const tiny = await raw('/api/v1/me/notifications?limit=1', { ...learner, 'accept-encoding': 'br' });
      expect(tiny.rawPayload.length).toBeLessThan(1024);
      expect(tiny.headers['content-encoding']).toBeUndefined();
      expect(JSON.parse(tiny.payload)).toHaveProperty('items');
    });

    it('sends a PDF attachment as stored, never recompressed', async () => {
      const res = await raw(`/api/v1/attachments/${attachmentId}`, { ...admin, 'accept-encoding': 'br, gzip' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(Buffer.compare(res.rawPayload, PDF)).toBe(0);
    });
  });

  describe('conditional GETs', () => {
    /** Ids of one object of each kind, by the path segment before `{id}` (`/classes/{id}/…` → classes). */
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      const courseId = await referenceCourseId(t);
      const orgUnitId = await unitId(t, 'TCT-TUYENQUANG');
      await saveSettings(t, admin, 'TCT-TUYENQUANG');
      const run = await runClass(t, admin, { courseId, orgUnitId }, [
        { username: 'hv.etag.1', fullName: 'Nguyễn Thị Mai', dateOfBirth: '1990-04-12', outcome: 'present' },
      ]);
      const [certificate] = await certificatesOf(t, admin, run.classId, 1);
      const one = async (sql: string, params: unknown[] = []) => (await t.dataSource.query(sql, params))[0].id;
      Object.assign(ids, await objectsOfEachKind(t, admin, learner), {
        attachments: attachmentId,
        certificates: certificate.id,
        verify: await one(`SELECT verification_code AS id FROM certificates WHERE id = $1`, [certificate.id]),
        imports: await one(`SELECT id FROM imports LIMIT 1`),
      });
    });

    /** Every documented GET whose success is JSON or iCalendar (or not declared, so maybe JSON). */
    const jsonRoutes = () =>
      Object.entries(openapi.paths)
        .filter(([, operations]) => {
          const ok = operations.get?.responses?.['200'];
          if (!ok) return false;
          const types = Object.keys(ok.content ?? {});
          return types.length === 0 || types.some((type) => /json$|^text\/calendar$/.test(type));
        })
        .map(([path]) => path);

    /** Required query ids by name: `orgUnitId` → an org unit's id. */
    const QUERY_IDS: Record<string, string> = {
      orgUnitId: 'org-units',
      classId: 'classes',
      courseId: 'courses',
      programId: 'programs',
    };
    /** Required query values that are not ids. */
    const QUERY_VALUES: Record<string, string> = { year: '2026' };
    /** Routes that need one of several optional query parameters: the one the walk gives. */
    const ONE_OF: Record<string, string> = { '/api/v1/stats/completion': 'orgUnitId' };
    const fill = (path: string): string => {
      const url = path.replace(/([^/]+)\/\{(\w+)\}/g, (_all, segment: string, param: string) => {
        const id = ids[segment];
        if (!id) throw new Error(`${path}: no fixture for {${param}} after /${segment}/; add one to ids`);
        return `${segment}/${id}`;
      });
      const query = (openapi.paths[path].get.parameters ?? [])
        .filter((p) => p.in === 'query' && (p.required || ONE_OF[path] === p.name))
        .map((p) => {
          const id = ids[QUERY_IDS[p.name]] ?? QUERY_VALUES[p.name];
          if (!id) throw new Error(`${path}: no fixture for the required ?${p.name}=; add one to QUERY_IDS`);
          return `${p.name}=${id}`;
        });
      return query.length ? `${url}?${query.join('&')}` : url;
    };

    it('answers 304 with no body to its own ETag on every JSON and iCalendar GET', async () => {
      const walked: string[] = [];
      for (const path of jsonRoutes()) {
        const url = fill(path);
        const first = await t.http().get(url).set(admin).set('accept', 'application/json, text/calendar');
        expect({ path, status: first.status }).toEqual({ path, status: 200 });
        const type = String(first.headers['content-type']);
        // A route documented loosely (an attachment, the HTML verification page) may answer bytes.
        if (!/json|text\/calendar/.test(type)) continue;
        const etag = first.headers.etag;
        expect({ path, etag }).toEqual({ path, etag: expect.stringMatching(/^"[\w-]{43}"$/) });
        const again = await t
          .http()
          .get(url)
          .set(admin)
          .set('accept', 'application/json, text/calendar')
          .set('if-none-match', etag);
        expect({ path, status: again.status, body: again.text ?? '' }).toEqual({ path, status: 304, body: '' });
        expect(again.headers.etag).toBe(etag);
        walked.push(path);
      }
      expect(walked).toEqual(expect.arrayContaining(['/api/v1/me/enrollments', '/api/v1/classes/{id}/calendar.ics']));
      expect(walked.length).toBeGreaterThanOrEqual(45);
    });

    it('changes the ETag when the object changes, and a stale one gets the new body', async () => {
      const before = await t.http().get('/api/v1/me').set(learner).expect(200);
      await t.http().patch('/api/v1/me').set(learner).send({ phone: '0912345678' }).expect(200);
      const after = await t.http().get('/api/v1/me').set(learner).set('if-none-match', before.headers.etag).expect(200);
      expect(after.headers.etag).not.toBe(before.headers.etag);
      expect(after.body.phone).toBe('0912345678');
      await t.http().get('/api/v1/me').set(learner).set('if-none-match', after.headers.etag).expect(304);
    });

    it('understands a list of tags and W/ tags; a miss or another method gets the full answer', async () => {
      const first = await t.http().get('/api/v1/me/enrollments').set(learner).expect(200);
      const etag = first.headers.etag;
      await t.http().get('/api/v1/me/enrollments').set(learner).set('if-none-match', `"x", W/${etag}`).expect(304);
      await t.http().get('/api/v1/me/enrollments').set(learner).set('if-none-match', '"x"').expect(200);
      const write = await t.http().patch('/api/v1/me').set(learner).set('if-none-match', '*').send({});
      expect(write.status).toBe(200);
      expect(write.headers.etag).toBeUndefined();
    });

    it('marks personal answers private, no-cache; public ones are left to their routes', async () => {
      const mine = await t.http().get('/api/v1/me/enrollments').set(learner).expect(200);
      expect(mine.headers['cache-control']).toBe('private, no-cache');
      const failed = await t.http().get('/api/v1/users').set(learner).expect(403);
      expect(failed.headers['cache-control']).toBe('private, no-cache');
      const health = await t.http().get('/health').expect(200);
      expect(health.headers['cache-control']).toBeUndefined();
      const metrics = await t.http().get('/metrics').set(admin).expect(200);
      expect(metrics.headers['cache-control']).toBe('no-store');
    });
  });

  describe('retry-safe writes', () => {
    /** Where no key is taken, and why. */
    const WITHOUT_KEY: Record<string, string> = {
      '/api/v1/auth/login': 'public, and its answer holds tokens that must not be stored',
      '/api/v1/auth/refresh': 'public; a retry is the reuse grace of REFRESH_REUSE_GRACE_SECONDS',
      '/api/v1/auth/activate': 'public; a repeat is refused as the code is used',
      '/api/v1/auth/logout': 'repeating it is harmless',
      '/api/v1/api-keys': 'its answer holds the key, shown once, that must not be stored',
      '/api/v1/me/notifications/{id}/read': 'repeating it is harmless',
      '/api/v1/me/notifications/read-all': 'repeating it is harmless',
      '/api/v1/admin/queues/session': 'repeating it only issues another short-lived cookie',
    };

    it('takes an Idempotency-Key on every POST that creates or submits, and says every PUT is idempotent', () => {
      const missing: string[] = [];
      for (const [path, operations] of Object.entries(openapi.paths)) {
        const post = operations.post as (Operation & Record<string, unknown>) | undefined;
        if (post && !(path in WITHOUT_KEY) && !post.parameters?.some((p) => p.name === 'Idempotency-Key')) {
          missing.push(`POST ${path}`);
        }
        const put = operations.put as Record<string, unknown> | undefined;
        if (put && !put['x-idempotent']) missing.push(`PUT ${path}`);
      }
      expect(missing).toEqual([]);
    });

    it('replays a lesson completion, a new programme and an import sent again with their keys', async () => {
      const courseId = await referenceCourseId(t);
      const orgUnitId = await unitId(t, 'TCT-TUYENQUANG');
      const opened = await openClassWithLearners(t, admin, { courseId, orgUnitId, mode: 'online' }, ['hv.minhxuan.2']);
      const learner2 = await loginAs(t, 'hv.minhxuan.2');
      const [{ id: enrollmentId }] = await t.dataSource.query(`SELECT id FROM enrollments WHERE class_id = $1`, [
        opened.id,
      ]);
      const [{ id: lessonId }] = await t.dataSource.query(
        `SELECT id FROM lessons WHERE course_id = $1 ORDER BY position LIMIT 1`,
        [courseId],
      );
      const complete = () =>
        t
          .http()
          .post(`/api/v1/enrollments/${enrollmentId}/lessons/${lessonId}/complete`)
          .set(learner2)
          .set('idempotency-key', 'hoan-thanh-bai-1');
      const first = await complete().expect(200);
      const again = await complete().expect(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);

      const program = { code: 'CT-THU', name: 'Chương trình thử', kind: 'thematic' };
      const create = () =>
        t.http().post('/api/v1/programs').set(admin).set('idempotency-key', 'tao-ct-thu').send(program);
      const made = await create().expect(201);
      const remade = await create().expect(201);
      expect(remade.body.id).toBe(made.body.id);
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM programs WHERE code = 'CT-THU'`);
      expect(n).toBe(1);
      // The same key on another body is a conflict, not a silent replay.
      const other = await t
        .http()
        .post('/api/v1/programs')
        .set(admin)
        .set('idempotency-key', 'tao-ct-thu')
        .send({ ...program, code: 'CT-KHAC' })
        .expect(409);
      expect(other.body.code).toBe('idempotency_key_reused');

      const csv = Buffer.from(
        'username,fullName,dateOfBirth,email,phone,partyStatus,partyAdmissionDate,orgUnitCode\n' +
          'hv.mang.yeu,Lò Văn Páo,1995-02-03,,,none,,TCT-TUYENQUANG\n',
      );
      const upload = () =>
        t
          .http()
          .post('/api/v1/users/import')
          .set(admin)
          .set('idempotency-key', 'nhap-nguoi-hoc-1')
          .attach('file', csv, 'nguoi-hoc.csv');
      const accepted = await upload().expect(202);
      const replayed = await upload().expect(202);
      expect(replayed.body.importId).toBe(accepted.body.importId);
      const [{ imports }] = await t.dataSource.query(`SELECT count(*)::int AS imports FROM imports WHERE id = $1`, [
        accepted.body.importId,
      ]);
      expect(imports).toBe(1);
    });
  });
});
