import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { NotificationsService } from '../../src/modules/notifications/notifications.service';
import { asAdmin, Headers, loginAs, referenceCourseId, unitId, userId } from '../support/actors';
import { createClass, enrol, openClass } from '../support/classes';
import { certificatesOf, saveSettings } from '../support/certificates';
import { openExam } from '../support/exams';
import { walkPages } from '../support/pages';
import { eventually, useTestApp } from '../support/test-app';

type Item = { id: string } & Record<string, unknown>;

/** Every GET in openapi.json whose 200 answer is a page (`items` and `nextCursor`). */
function pagedOperations(): string[] {
  const document = JSON.parse(readFileSync(join(__dirname, '..', '..', 'openapi.json'), 'utf8'));
  const schemas = document.components.schemas as Record<string, { properties?: Record<string, unknown> }>;
  type Operation = { responses?: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }> };
  return Object.entries(document.paths as Record<string, Record<string, Operation>>)
    .filter(([, operations]) => {
      const ref = operations.get?.responses?.['200']?.content?.['application/json']?.schema?.$ref;
      const properties = ref ? schemas[ref.split('/').pop()!]?.properties : undefined;
      return Boolean(properties?.items && properties?.nextCursor);
    })
    .map(([path]) => path)
    .sort();
}

describe('lists: every list pages through nextCursor with each item once, in order', () => {
  // Webhook deliveries to a closed loopback port fail fast: three attempts make a log to walk.
  const app = useTestApp({
    env: { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_MAX_ATTEMPTS: '3', WEBHOOK_BACKOFF_MS: '50' },
  });
  const walked = new Set<string>();
  const HOUR = 3_600_000;
  let admin: Headers;
  let schoolAdmin: Headers;
  let instructor: Headers;
  let learner: Headers;
  const ids: Record<string, string> = {};

  /**
   * Walks `path` one item at a time and checks the walk against one large page: the same items in
   * the same order, none twice, at least three, and `order` (the list's sort) holds between neighbours.
   */
  const walk = async (
    operation: string,
    headers: Headers,
    path: string,
    order?: (before: Item, after: Item) => boolean,
  ): Promise<void> => {
    const t = app();
    const full = await t
      .http()
      .get(`${path}${path.includes('?') ? '&' : '?'}limit=200`)
      .set(headers)
      .expect(200);
    expect(full.body.nextCursor).toBeNull();
    const all: Item[] = full.body.items;
    expect(all.length).toBeGreaterThanOrEqual(3);
    const { items, pages } = await walkPages<Item>(t, headers, path);
    expect(items.map((i) => i.id)).toEqual(all.map((i) => i.id));
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    expect(pages).toBe(items.length);
    if (order) for (let i = 1; i < items.length; i++) expect(order(items[i - 1], items[i])).toBe(true);
    walked.add(operation);
  };
  const ascending = (key: string) => (a: Item, b: Item) => String(a[key]) <= String(b[key]);
  const post = async (headers: Headers, path: string, body: object, status = 201) => {
    const res = await app().http().post(`/api/v1${path}`).set(headers).send(body);
    if (res.status !== status) throw new Error(`POST ${path}: ${res.status} ${res.text}`);
    return res.body;
  };

  beforeAll(async () => {
    const t = app();
    admin = await asAdmin(t);
    schoolAdmin = await loginAs(t, 'qtv.tuyenquang');
    instructor = await loginAs(t, 'gv.tuyenquang');
    learner = await loginAs(t, 'hv.minhxuan.1');
    const province = await unitId(t, 'TCT-TUYENQUANG');
    const learners = ['hv.minhxuan.1', 'hv.minhxuan.2', 'hv.minhxuan.3'];

    // A unit with three children and three moves scheduled, two on one day (recorded apart).
    const unit = await post(admin, '/org-units', {
      name: 'Đảng bộ thử danh sách',
      code: 'DB-DS',
      type: 'district_center',
      parentId: province,
    });
    ids.unit = unit.id;
    for (const n of [1, 2, 3]) {
      await post(admin, '/org-units', {
        name: `Chi bộ danh sách ${n}`,
        code: `CB-DS-${n}`,
        type: 'party_cell',
        parentId: unit.id,
      });
    }
    const target = await unitId(t, 'TTCT-MINHXUAN');
    for (const effectiveFrom of ['2099-01-01', '2099-01-01', '2098-06-01']) {
      await post(admin, `/org-units/${unit.id}/move`, { newParentId: target, effectiveFrom }, 200);
    }

    for (const n of [1, 2, 3])
      await post(schoolAdmin, '/api-keys', { name: `Khóa ${n}`, orgUnitId: province, scopes: ['classes:read'] });

    const programs = [];
    for (const n of [1, 2, 3])
      programs.push(
        await post(instructor, '/programs', { code: `DS-${n}`, name: `Chương trình danh sách ${n}`, kind: 'other' }),
      );
    ids.program = programs[0].id;
    for (const version of ['2031', '2032', '2033']) {
      await post(instructor, '/courses', { programId: ids.program, title: 'Khóa học danh sách', version });
    }
    ids.course = await referenceCourseId(t);
    const lessons: Item[] = (await t.http().get(`/api/v1/courses/${ids.course}`).set(instructor).expect(200)).body
      .lessons;
    const [{ lesson_id: questionLesson }] = await t.dataSource.query(
      `SELECT lesson_id FROM questions WHERE course_id = $1 AND lesson_id IS NOT NULL
        GROUP BY lesson_id HAVING count(*) >= 3 ORDER BY count(*) LIMIT 1`,
      [ids.course],
    );
    ids.questionLesson = questionLesson;

    // Three classes for the learner, two starting on one day; the first one gets the rest.
    const classes: Item[] = [];
    for (const [n, startsOn] of [
      [1, '2026-11-01'],
      [2, '2026-11-01'],
      [3, '2026-12-01'],
    ] as const) {
      const created = await createClass(t, schoolAdmin, {
        courseId: ids.course,
        orgUnitId: province,
        code: `DS-${n}`,
        title: `Lớp danh sách ${n}`,
        startsOn,
        endsOn: '2027-01-31',
        mode: 'in_person',
        enrollmentPolicy: 'closed',
      });
      await openClass(t, schoolAdmin, created.id);
      await enrol(t, schoolAdmin, created.id, learners.slice(0, 1));
      classes.push(created);
    }
    ids.class = classes[0].id;
    await enrol(t, schoolAdmin, ids.class, learners.slice(1));

    // Sessions and exams with a start shared by two of them, so only the id tells them apart.
    const sharedStart = Date.now() + 48 * HOUR;
    for (const startsAt of [sharedStart, sharedStart, sharedStart - 24 * HOUR]) {
      await post(instructor, `/classes/${ids.class}/sessions`, {
        startsAt: new Date(startsAt).toISOString(),
        endsAt: new Date(startsAt + 2 * HOUR).toISOString(),
        lessonIds: [lessons[0].id],
      });
    }
    const questionIds = (
      await t.dataSource.query(`SELECT id FROM questions WHERE course_id = $1 AND type = 'single_choice' LIMIT 3`, [
        ids.course,
      ])
    ).map((q: { id: string }) => q.id);
    const opensAt = new Date(Date.now() - HOUR).toISOString();
    const exams: Item[] = [];
    for (const n of [1, 2, 3]) {
      exams.push(
        await openExam(t, instructor, ids.class, {
          title: `Kiểm tra ${n}`,
          kind: 'quiz',
          opensAt,
          closesAt: new Date(Date.now() + 24 * HOUR).toISOString(),
          timeLimitMinutes: 30,
          maxAttempts: 1,
          passMark: 5,
          questionIds,
          shuffle: false,
          gradingPolicy: 'highest',
        }),
      );
    }
    ids.exam = exams[0].id;
    for (const username of learners) {
      await post(await loginAs(t, username), `/exams/${ids.exam}/attempts`, {});
    }
  });

  it('org units: the tree, a unit’s children and its history (by effective day, then as recorded)', async () => {
    await walk('/api/v1/org-units', admin, '/api/v1/org-units');
    await walk('/api/v1/org-units/{id}/children', admin, `/api/v1/org-units/${ids.unit}/children`);
    await walk(
      '/api/v1/org-units/{id}/history',
      admin,
      `/api/v1/org-units/${ids.unit}/history`,
      ascending('effectiveFrom'),
    );
  });

  it('people, API keys, the audit log and the outbox', async () => {
    await walk('/api/v1/users', schoolAdmin, `/api/v1/users?orgUnitId=${await unitId(app(), 'TTCT-MINHXUAN')}`);
    await walk('/api/v1/api-keys', schoolAdmin, '/api/v1/api-keys');
    await walk('/api/v1/audit-log', admin, '/api/v1/audit-log?action=org_unit.moved');
    await walk('/api/v1/admin/outbox', admin, '/api/v1/admin/outbox?topic=org-units.change-due');
  });

  it('curricula: programmes, courses, lessons by position and questions', async () => {
    await walk('/api/v1/programs', instructor, '/api/v1/programs?kind=other');
    await walk('/api/v1/courses', instructor, `/api/v1/courses?programId=${ids.program}`);
    await walk(
      '/api/v1/courses/{id}/lessons',
      instructor,
      `/api/v1/courses/${ids.course}/lessons`,
      (a, b) => Number(a.position) < Number(b.position),
    );
    await walk(
      '/api/v1/courses/{id}/questions',
      instructor,
      `/api/v1/courses/${ids.course}/questions?lessonId=${ids.questionLesson}`,
    );
  });

  it('classes: classes, enrolments, sessions by start, the learner’s own enrolments newest first', async () => {
    await walk('/api/v1/classes', schoolAdmin, `/api/v1/classes?courseId=${ids.course}`);
    await walk('/api/v1/classes/{id}/enrollments', schoolAdmin, `/api/v1/classes/${ids.class}/enrollments`);
    await walk(
      '/api/v1/classes/{id}/sessions',
      instructor,
      `/api/v1/classes/${ids.class}/sessions`,
      ascending('startsAt'),
    );
    await walk(
      '/api/v1/me/enrollments',
      learner,
      '/api/v1/me/enrollments',
      (a, b) => String(a.startsOn) >= String(b.startsOn),
    );
  });

  it('exams: a class’s exams by opening time and an exam’s attempts by start', async () => {
    await walk('/api/v1/classes/{id}/exams', instructor, `/api/v1/classes/${ids.class}/exams`, ascending('opensAt'));
    await walk('/api/v1/exams/{id}/attempts', instructor, `/api/v1/exams/${ids.exam}/attempts`, ascending('startedAt'));
  });

  it('certificates: a class’s in issuing order and the learner’s own (two of them superseded by reissues)', async () => {
    const t = app();
    await saveSettings(t, schoolAdmin, 'TCT-TUYENQUANG');
    const created = await createClass(t, schoolAdmin, {
      courseId: ids.course,
      orgUnitId: await unitId(t, 'TCT-TUYENQUANG'),
      mode: 'in_person',
      requireFinalExam: false,
    });
    await openClass(t, schoolAdmin, created.id);
    await enrol(t, schoolAdmin, created.id, ['hv.minhxuan.1', 'hv.minhxuan.2', 'hv.minhxuan.3']);
    await post(schoolAdmin, `/classes/${created.id}/close`, {}, 200);
    const issued: Item[] = await certificatesOf(t, schoolAdmin, created.id, 3);
    let mine = (await t.http().get('/api/v1/me/certificates').set(learner).expect(200)).body.items[0] as Item;
    for (const reason of ['In lại lần một', 'In lại lần hai']) {
      mine = await post(schoolAdmin, `/certificates/${mine.id}/reissue`, { reason });
    }
    const byIssue = (a: Item, b: Item) => String(a.issuedAt) <= String(b.issuedAt);
    await walk('/api/v1/classes/{id}/certificates', schoolAdmin, `/api/v1/classes/${created.id}/certificates`, byIssue);
    await walk('/api/v1/me/certificates', learner, '/api/v1/me/certificates', byIssue);
    expect(issued).toHaveLength(3);
  });

  it('notifications: the learner’s own, newest first', async () => {
    const t = app();
    const service = t.app.get(NotificationsService);
    const learnerId = await userId(t, 'hv.minhxuan.1');
    // Three transactions, two notifications each: pairs share a timestamp, so only the id orders them.
    for (const round of [1, 2, 3]) {
      await t.dataSource.transaction((em) =>
        service.notify(
          em,
          [1, 2].map((n) => ({
            userId: learnerId,
            kind: 'attempt.graded' as const,
            title: `Bài làm ${round}.${n} đã được chấm`,
            body: 'Xem kết quả tại mục Bài kiểm tra.',
            dedupeKey: `lists:${round}:${n}`,
          })),
        ),
      );
    }
    await walk(
      '/api/v1/me/notifications',
      learner,
      '/api/v1/me/notifications',
      (a, b) => String(a.createdAt) >= String(b.createdAt),
    );
  });

  it('webhooks: a unit’s webhooks oldest first, and a webhook’s attempts newest first', async () => {
    const t = app();
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const refused = await post(schoolAdmin, '/webhooks', {
      url: `http://127.0.0.1:${port}/`,
      events: ['class.closed'],
    });
    ids.webhook = refused.id;
    for (const n of [1, 2])
      await post(schoolAdmin, '/webhooks', { url: `https://203.0.113.${n}/hook`, events: ['certificate.issued'] });
    const created = await createClass(t, schoolAdmin, {
      courseId: ids.course,
      orgUnitId: await unitId(t, 'TCT-TUYENQUANG'),
    });
    await openClass(t, schoolAdmin, created.id);
    await post(schoolAdmin, `/classes/${created.id}/close`, {}, 200);
    await eventually(async () => {
      const res = await t.http().get(`/api/v1/webhooks/${refused.id}/deliveries`).set(schoolAdmin).expect(200);
      return res.body.items.length === 3 && res.body.items[0].deliveryStatus === 'failed';
    });
    await walk('/api/v1/webhooks', schoolAdmin, '/api/v1/webhooks', ascending('createdAt'));
    await walk(
      '/api/v1/webhooks/{id}/deliveries',
      schoolAdmin,
      `/api/v1/webhooks/${refused.id}/deliveries`,
      (a, b) => Number(a.id) > Number(b.id),
    );
  });

  it('probation alerts: members near the end of probation, soonest first, then by id', async () => {
    const t = app();
    // Three members, two ending on one day, so only the id orders them.
    for (const [n, days] of [
      [1, 20],
      [2, 20],
      [3, 10],
    ] as const) {
      await t.dataSource.query(
        `INSERT INTO users (username, full_name, org_unit_id, party_status, party_admission_date)
         SELECT $1, $2, id, 'probationary', (current_date + $3::int - interval '12 months')::date
           FROM org_units WHERE code = 'CB-MINHXUAN-TDP1'`,
        [`dubi.ds.${n}`, `Đảng viên dự bị ${n}`, days],
      );
    }
    await walk(
      '/api/v1/stats/probation-alerts',
      schoolAdmin,
      `/api/v1/stats/probation-alerts?orgUnitId=${await unitId(t, 'TCT-TUYENQUANG')}`,
      ascending('probationEndsOn'),
    );
  });

  it('the enrolment change feed: a change a page, each once, then an empty page that keeps the cursor', async () => {
    const t = app();
    const path = `/api/v1/stats/enrollments?orgUnitId=${await unitId(t, 'HVCTQG')}`;
    const read = async (query: string) =>
      (await t.http().get(`${path}&${query}`).set(admin).expect(200)).body as {
        items: Item[];
        nextCursor: string | null;
        hasMore: boolean;
      };
    const whole = await read('limit=200');
    expect(whole.hasMore).toBe(false);
    expect(whole.items.length).toBeGreaterThanOrEqual(3);
    const walkedIds: unknown[] = [];
    let page = await read('limit=1');
    while (page.items.length > 0) {
      walkedIds.push(...page.items.map((i) => i.id));
      page = await read(`limit=1&cursor=${encodeURIComponent(page.nextCursor!)}`);
    }
    expect(walkedIds).toEqual(whole.items.map((i) => i.id));
    // The feed never ends: the last, empty page hands the same place back to poll from.
    expect(page.nextCursor).toBe(whole.nextCursor);
    walked.add('/api/v1/stats/enrollments');
  });

  it.each([
    ['/api/v1/webhooks', () => '/api/v1/webhooks', () => schoolAdmin],
    ['/api/v1/webhooks/{id}/deliveries', () => `/api/v1/webhooks/${ids.webhook}/deliveries`, () => schoolAdmin],
    ['/api/v1/org-units/{id}/history', () => `/api/v1/org-units/${ids.unit}/history`, () => admin],
    ['/api/v1/courses/{id}/lessons', () => `/api/v1/courses/${ids.course}/lessons`, () => instructor],
    ['/api/v1/classes/{id}/sessions', () => `/api/v1/classes/${ids.class}/sessions`, () => instructor],
    ['/api/v1/me/enrollments', () => '/api/v1/me/enrollments', () => learner],
    ['/api/v1/me/certificates', () => '/api/v1/me/certificates', () => learner],
    ['/api/v1/me/notifications', () => '/api/v1/me/notifications', () => learner],
    ['/api/v1/classes/{id}/exams', () => `/api/v1/classes/${ids.class}/exams`, () => instructor],
    ['/api/v1/exams/{id}/attempts', () => `/api/v1/exams/${ids.exam}/attempts`, () => instructor],
    ['/api/v1/stats/probation-alerts', () => `/api/v1/stats/probation-alerts?orgUnitId=${ids.unit}`, () => schoolAdmin],
  ])('%s refuses a bad cursor or limit naming the field', async (_operation, path, headers) => {
    for (const [query, field] of [
      ['cursor=nope', 'cursor'],
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
    ]) {
      const url = `${path()}${path().includes('?') ? '&' : '?'}${query}`;
      const res = await app().http().get(url).set(headers()).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors).toContainEqual(expect.objectContaining({ field }));
    }
  });

  // Last, so it sees what the tests above walked: a new list endpoint without a walk fails here.
  it('walks every list endpoint that openapi.json documents', () => {
    expect([...walked].sort()).toEqual(pagedOperations());
  });
});
