import { loginAs, unitId, userId } from '../support/actors';
import { TestApp, useTestApp } from '../support/test-app';

type Actor = 'schoolAdmin' | 'instructor' | 'learner' | 'statsViewer' | 'apiKey';
type Method = 'get' | 'post' | 'patch' | 'delete';

interface Ids {
  tqCenter: string;
  tqCell: string;
  bnCenter: string;
  bnCell: string;
  regional: string;
  tqLearner: string;
  /** Receives the role grants, so the learner actor keeps only its own role. */
  tqGrantee: string;
  bnLearner: string;
  bnLearnerRole: string;
  publishedCourse: string;
  tqDraft: string;
  bnDraft: string;
  tqClass: string;
  bnClass: string;
}

interface Case {
  name: string;
  method: Method;
  path: (ids: Ids) => string;
  body?: (ids: Ids, actor: Actor) => object;
  expect: Record<Actor, number>;
}

const all = (status: number): Record<Actor, number> => ({
  schoolAdmin: status,
  instructor: status,
  learner: status,
  statsViewer: status,
  apiKey: status,
});
const adminOnly = (adminStatus: number): Record<Actor, number> => ({ ...all(403), schoolAdmin: adminStatus });

/**
 * Two provinces (the seeded Tuyên Quang and Bắc Ninh schools): every actor works from Tuyên Quang.
 * Each cell is the status the actor must get: 2xx inside scope, 403 without the permission, 404 for
 * another province's object (never revealing it exists).
 */
const CASES: Case[] = [
  { name: 'read a unit in scope', method: 'get', path: (i) => `/org-units/${i.tqCell}`, expect: all(200) },
  { name: "read another province's unit", method: 'get', path: (i) => `/org-units/${i.bnCenter}`, expect: all(404) },
  {
    name: "list another province's children",
    method: 'get',
    path: (i) => `/org-units/${i.bnCenter}/children`,
    expect: all(404),
  },
  {
    name: 'history of a unit above the learner',
    method: 'get',
    path: (i) => `/org-units/${i.tqCenter}/history`,
    expect: { ...all(200), learner: 404 },
  },
  { name: 'list units', method: 'get', path: () => '/org-units', expect: all(200) },
  {
    name: 'create a unit in scope',
    method: 'post',
    path: () => '/org-units',
    body: (i, actor) => ({
      name: `Chi bộ thử ${actor}`,
      code: `CB-THU-${actor}`,
      type: 'party_cell',
      parentId: i.tqCenter,
    }),
    expect: adminOnly(201),
  },
  {
    name: 'create a unit in another province',
    method: 'post',
    path: () => '/org-units',
    body: (i, actor) => ({ name: 'Chi bộ lạ', code: `CB-LA-${actor}`, type: 'party_cell', parentId: i.bnCenter }),
    expect: adminOnly(404),
  },
  {
    name: 'rename a unit in scope',
    method: 'patch',
    path: (i) => `/org-units/${i.tqCenter}`,
    body: () => ({ name: 'Trung tâm Chính trị phường Minh Xuân' }),
    expect: adminOnly(200),
  },
  {
    name: "rename another province's unit",
    method: 'patch',
    path: (i) => `/org-units/${i.bnCenter}`,
    body: () => ({ name: 'Đổi tên' }),
    expect: adminOnly(404),
  },
  {
    name: 'move a unit (system admins only)',
    method: 'post',
    path: (i) => `/org-units/${i.tqCell}/move`,
    body: (i) => ({ newParentId: i.tqCenter, effectiveFrom: '2025-07-01' }),
    expect: all(403),
  },
  {
    name: 'merge a unit (system admins only)',
    method: 'post',
    path: (i) => `/org-units/${i.tqCell}/merge`,
    body: (i) => ({ intoId: i.tqCenter, effectiveFrom: '2025-07-01' }),
    expect: all(403),
  },
  {
    name: 'list people',
    method: 'get',
    path: () => '/users',
    expect: { schoolAdmin: 200, instructor: 200, learner: 403, statsViewer: 403, apiKey: 200 },
  },
  {
    name: 'read a person in scope',
    method: 'get',
    path: (i) => `/users/${i.tqLearner}`,
    expect: { schoolAdmin: 200, instructor: 200, learner: 403, statsViewer: 403, apiKey: 200 },
  },
  {
    name: "read another province's person",
    method: 'get',
    path: (i) => `/users/${i.bnLearner}`,
    expect: { schoolAdmin: 404, instructor: 404, learner: 403, statsViewer: 403, apiKey: 404 },
  },
  {
    name: 'create a person in scope',
    method: 'post',
    path: () => '/users',
    body: (i, actor) => ({ username: `moi.${actor.toLowerCase()}`, fullName: 'Người Mới', orgUnitId: i.tqCell }),
    expect: adminOnly(201),
  },
  {
    name: 'create a person in another province',
    method: 'post',
    path: () => '/users',
    body: (i, actor) => ({ username: `la.${actor.toLowerCase()}`, fullName: 'Người Lạ', orgUnitId: i.bnCell }),
    expect: adminOnly(404),
  },
  {
    name: 'update a person in scope',
    method: 'patch',
    path: (i) => `/users/${i.tqLearner}`,
    body: () => ({ phone: '0912 345 678' }),
    expect: adminOnly(200),
  },
  {
    name: "update another province's person",
    method: 'patch',
    path: (i) => `/users/${i.bnLearner}`,
    body: () => ({ phone: '0912 345 678' }),
    expect: adminOnly(404),
  },
  {
    name: 'grant a role in scope',
    method: 'post',
    path: (i) => `/users/${i.tqGrantee}/roles`,
    body: (i, actor) => ({ role: actor === 'schoolAdmin' ? 'instructor' : 'stats_viewer', orgUnitId: i.tqCenter }),
    expect: adminOnly(201),
  },
  {
    name: 'grant a role above the granter’s unit',
    method: 'post',
    path: (i) => `/users/${i.tqGrantee}/roles`,
    body: (i) => ({ role: 'stats_viewer', orgUnitId: i.regional }),
    expect: adminOnly(404),
  },
  {
    name: 'grant system_admin',
    method: 'post',
    path: (i) => `/users/${i.tqGrantee}/roles`,
    body: () => ({ role: 'system_admin' }),
    expect: adminOnly(403),
  },
  {
    name: "grant a role to another province's person",
    method: 'post',
    path: (i) => `/users/${i.bnLearner}/roles`,
    body: (i) => ({ role: 'learner', orgUnitId: i.tqCell }),
    expect: adminOnly(404),
  },
  {
    name: "remove another province's role",
    method: 'delete',
    path: (i) => `/users/${i.bnLearner}/roles/${i.bnLearnerRole}`,
    expect: adminOnly(404),
  },
  { name: 'read oneself', method: 'get', path: () => '/me', expect: { ...all(200), apiKey: 403 } },
  {
    name: 'create an API key in scope',
    method: 'post',
    path: () => '/api-keys',
    body: (i, actor) => ({ name: `Khóa ${actor}`, orgUnitId: i.tqCenter, scopes: ['users:read'] }),
    expect: adminOnly(201),
  },
  {
    name: 'create an API key in another province',
    method: 'post',
    path: () => '/api-keys',
    body: (i) => ({ name: 'Khóa lạ', orgUnitId: i.bnCenter, scopes: ['users:read'] }),
    expect: adminOnly(404),
  },
  { name: 'list API keys', method: 'get', path: () => '/api-keys', expect: adminOnly(200) },
  { name: 'list programmes', method: 'get', path: () => '/programs', expect: { ...all(200), apiKey: 403 } },
  {
    name: 'read a published course',
    method: 'get',
    path: (i) => `/courses/${i.publishedCourse}`,
    expect: { ...all(200), learner: 404, apiKey: 403 },
  },
  {
    name: "read another province's draft course",
    method: 'get',
    path: (i) => `/courses/${i.bnDraft}`,
    expect: { ...all(404), apiKey: 403 },
  },
  {
    name: 'edit a draft course in scope',
    method: 'patch',
    path: (i) => `/courses/${i.tqDraft}`,
    body: (_i, actor) => ({ description: `Sửa bởi ${actor}` }),
    expect: { ...all(403), schoolAdmin: 200, instructor: 200 },
  },
  {
    name: "read another province's question bank",
    method: 'get',
    path: (i) => `/courses/${i.bnDraft}/questions`,
    expect: { ...all(403), schoolAdmin: 404, instructor: 404 },
  },
  {
    name: 'read a class in scope',
    method: 'get',
    path: (i) => `/classes/${i.tqClass}`,
    expect: { ...all(200), learner: 404 },
  },
  { name: "read another province's class", method: 'get', path: (i) => `/classes/${i.bnClass}`, expect: all(404) },
  {
    name: 'list the enrolments of a class in scope',
    method: 'get',
    path: (i) => `/classes/${i.tqClass}/enrollments`,
    expect: { ...all(200), learner: 403 },
  },
  {
    name: "enrol someone into another province's class",
    method: 'post',
    path: (i) => `/classes/${i.bnClass}/enrollments`,
    body: (i) => ({ userId: i.tqLearner }),
    expect: adminOnly(404),
  },
];

describe('permission matrix across two provinces', () => {
  const app = useTestApp();
  let t: TestApp;
  let ids: Ids;
  const headers = {} as Record<Actor, Record<string, string>>;

  beforeAll(async () => {
    t = app();
    const admin = { authorization: `Bearer ${await t.adminToken()}` };
    ids = {
      tqCenter: await unitId(t, 'TTCT-MINHXUAN'),
      tqCell: await unitId(t, 'CB-MINHXUAN-TDP1'),
      bnCenter: await unitId(t, 'TTCT-KINHBAC'),
      bnCell: await unitId(t, 'CB-KINHBAC-DONGXUYEN'),
      regional: await unitId(t, 'HVCTKV1'),
      tqLearner: await userId(t, 'hv.minhxuan.1'),
      tqGrantee: await userId(t, 'hv.minhxuan.3'),
      bnLearner: await userId(t, 'hv.kinhbac.1'),
      bnLearnerRole: '',
      publishedCourse: '',
      tqDraft: '',
      bnDraft: '',
      tqClass: '',
      bnClass: '',
    };
    const [{ id: program }] = await t.dataSource.query(`SELECT id FROM programs WHERE code = 'NTVD'`);
    const [{ id: publishedCourse }] = await t.dataSource.query(`SELECT id FROM courses WHERE version = '2022'`);
    ids.publishedCourse = publishedCourse;
    for (const [key, unit] of [
      ['tq', 'TCT-TUYENQUANG'],
      ['bn', 'TCT-BACNINH'],
    ] as const) {
      const orgUnitId = await unitId(t, unit);
      const draft = await t
        .http()
        .post('/api/v1/courses')
        .set(admin)
        .send({ programId: program, title: `Bản nháp ${unit}`, version: `nhap-${key}`, orgUnitId })
        .expect(201);
      ids[`${key}Draft`] = draft.body.id;
      const created = await t
        .http()
        .post('/api/v1/classes')
        .set(admin)
        .send({
          courseId: publishedCourse,
          orgUnitId,
          code: `LOP-${key}`,
          title: `Lớp ${unit}`,
          startsOn: '2026-11-01',
          endsOn: '2026-11-30',
          mode: 'in_person',
          enrollmentPolicy: 'closed',
        })
        .expect(201);
      ids[`${key}Class`] = created.body.id;
    }
    const [role] = await t.dataSource.query(`SELECT id FROM role_assignments WHERE user_id = $1`, [ids.bnLearner]);
    ids.bnLearnerRole = role.id;
    // A stats viewer of Tuyên Quang, made through the API by the system admin.
    const viewer = await t
      .http()
      .post('/api/v1/users')
      .set(admin)
      .send({
        username: 'thongke.tuyenquang',
        fullName: 'Lò Văn Thống',
        password: 'mat-khau-thong-ke',
        orgUnitId: await unitId(t, 'TCT-TUYENQUANG'),
      })
      .expect(201);
    await t
      .http()
      .post(`/api/v1/users/${viewer.body.id}/roles`)
      .set(admin)
      .send({ role: 'stats_viewer', orgUnitId: await unitId(t, 'TCT-TUYENQUANG') })
      .expect(201);
    headers.schoolAdmin = await loginAs(t, 'qtv.tuyenquang');
    headers.instructor = await loginAs(t, 'gv.tuyenquang');
    headers.learner = await loginAs(t, 'hv.minhxuan.1');
    headers.statsViewer = await loginAs(t, 'thongke.tuyenquang', 'mat-khau-thong-ke');
    const key = await t
      .http()
      .post('/api/v1/api-keys')
      .set(headers.schoolAdmin)
      .send({
        name: 'Hệ thống thống kê tỉnh',
        orgUnitId: await unitId(t, 'TCT-TUYENQUANG'),
        scopes: ['org_units:read', 'users:read', 'classes:read', 'enrollments:read'],
      })
      .expect(201);
    headers.apiKey = { 'x-api-key': key.body.key };
  });

  /** Every response body of the matrix, scanned at the end for any stored secret. */
  const bodies: string[] = [];

  const rows = CASES.flatMap((c) => (Object.keys(c.expect) as Actor[]).map((actor) => [c.name, actor, c] as const));

  it.each(rows)('%s as %s', async (_name, actor, c) => {
    const request = t
      .http()
      [c.method](`/api/v1${c.path(ids)}`)
      .set(headers[actor]);
    const res = await (c.body ? request.send(c.body(ids, actor)) : request);
    bodies.push(res.text);
    expect({ status: res.status, body: res.status >= 400 ? res.body.code : undefined }).toMatchObject({
      status: c.expect[actor],
    });
    if (res.status >= 400) expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('lists only what lies in scope', async () => {
    const units = await t.http().get('/api/v1/org-units?limit=200').set(headers.schoolAdmin).expect(200);
    const codes = units.body.items.map((u: { code: string }) => u.code);
    expect(codes).toEqual(expect.arrayContaining(['TCT-TUYENQUANG', 'TTCT-MINHXUAN', 'CB-MINHXUAN-TDP1']));
    expect(codes.some((c: string) => /BACNINH|KINHBAC|HVCT/.test(c))).toBe(false);

    const people = await t.http().get('/api/v1/users?limit=200').set(headers.instructor).expect(200);
    const names = people.body.items.map((u: { username: string }) => u.username);
    expect(names).toContain('hv.minhxuan.1');
    expect(names.some((n: string) => n.includes('kinhbac') || n.includes('bacninh'))).toBe(false);

    const learnerUnits = await t.http().get('/api/v1/org-units').set(headers.learner).expect(200);
    expect(learnerUnits.body.items.map((u: { code: string }) => u.code)).toEqual(['CB-MINHXUAN-TDP1']);
  });

  it('never answers with a password hash, token hash or key hash', async () => {
    const [stored] = await t.dataSource.query(
      `SELECT array(SELECT password_hash FROM users WHERE password_hash IS NOT NULL)
           || array(SELECT token_hash FROM refresh_tokens)
           || array(SELECT key_hash FROM api_keys) AS secrets`,
    );
    expect(stored.secrets.length).toBeGreaterThan(10);
    expect(bodies.length).toBe(rows.length);
    for (const body of bodies) {
      expect(body).not.toContain('$argon2');
      for (const secret of stored.secrets) expect(body.includes(secret)).toBe(false);
    }
  });

  it('records role grants and API keys in the audit log', async () => {
    const admin = { authorization: `Bearer ${await t.adminToken()}` };
    const grants = await t.http().get(`/api/v1/audit-log?action=role.granted&limit=200`).set(admin).expect(200);
    expect(grants.body.items).toContainEqual(
      expect.objectContaining({
        action: 'role.granted',
        details: expect.objectContaining({ userId: ids.tqGrantee, role: 'instructor' }),
      }),
    );
    const keys = await t.http().get(`/api/v1/audit-log?action=api_key.created`).set(admin).expect(200);
    expect(keys.body.items.length).toBeGreaterThanOrEqual(2);
    await t.http().get('/api/v1/audit-log').set(headers.schoolAdmin).expect(403);
  });

  it('finds people and units with or without diacritics', async () => {
    const admin = { authorization: `Bearer ${await t.adminToken()}` };
    for (const q of ['ly thi mai', 'Lý Thị Mai', 'LY THI']) {
      const res = await t
        .http()
        .get(`/api/v1/users?q=${encodeURIComponent(q)}`)
        .set(admin)
        .expect(200);
      expect(res.body.items.map((u: { fullName: string }) => u.fullName)).toContain('Lý Thị Mai');
    }
    const units = await t
      .http()
      .get(`/api/v1/org-units?q=${encodeURIComponent('dong xuyen')}`)
      .set(admin)
      .expect(200);
    expect(units.body.items.map((u: { code: string }) => u.code)).toEqual(['CB-KINHBAC-DONGXUYEN']);
  });
});
