import ExcelJS from 'exceljs';
import { OutboxService } from '../../src/queue/outbox.service';
import { rebuildLines } from '../../src/commands/rebuild-statistics';
import { StatisticsFilingService } from '../../src/modules/statistics/statistics-filing.service';
import { asAdmin, Headers, loginAs, unitId } from '../support/actors';
import { binary } from '../support/binary';
import {
  addTanTrao,
  announce,
  bacNinhKey,
  comparable,
  expectInvalid,
  mergeToday,
  Grouping,
  plainCompletion,
  seedCompletionRows,
  statisticsSettled,
} from '../support/statistics';
import { TestApp, useTestApp } from '../support/test-app';

const PERIODS: { from?: string; to?: string }[] = [
  {},
  { from: '2025-03-15', to: '2026-02-10' },
  { from: '2026-01-01', to: '2026-06-30' },
];
const GROUPINGS: Grouping[] = ['child', 'program', 'month'];

describe('Statistics: completion counters', () => {
  const app = useTestApp();
  let t: TestApp;
  let admin: Headers;
  let academy: string;
  let tuyenQuang: string;
  let minhXuan: string;
  let tanTrao: string;
  let programs: string[];

  const completion = async (query: Record<string, string | undefined>, headers?: Headers) =>
    (
      await t
        .http()
        .get('/api/v1/stats/completion')
        .query(query)
        .set(headers ?? admin)
        .expect(200)
    ).body as { rows: Record<string, unknown>[]; total: Record<string, unknown> };

  /** Every figure of every grouping and period at the unit equals the plain GROUP BY. */
  const expectExact = async (unit: string) => {
    for (const period of PERIODS) {
      for (const groupBy of GROUPINGS) {
        const body = await completion({ orgUnitId: unit, groupBy, ...period });
        expect({ unit, groupBy, period, rows: comparable(body.rows) }).toEqual({
          unit,
          groupBy,
          period,
          rows: await plainCompletion(t.dataSource, unit, groupBy, period),
        });
        const [total] = await plainCompletion(t.dataSource, unit, 'total', period);
        const { label: _label, ...figures } = body.total;
        expect(figures).toEqual(total ?? expect.objectContaining({ key: 'total', classes: 0 }));
      }
    }
  };

  beforeAll(async () => {
    t = app();
    admin = await asAdmin(t);
    academy = await unitId(t, 'HVCTQG');
    tuyenQuang = await unitId(t, 'TCT-TUYENQUANG');
    minhXuan = await unitId(t, 'TTCT-MINHXUAN');
    tanTrao = await addTanTrao(t, admin);
    programs = (await t.dataSource.query(`SELECT id FROM programs ORDER BY code LIMIT 3`)).map(
      (p: { id: string }) => p.id,
    );
    expect(programs).toHaveLength(3);
    const units = [
      tuyenQuang,
      minhXuan,
      await unitId(t, 'CB-MINHXUAN-TDP1'),
      await unitId(t, 'CB-MINHXUAN-THCS'),
      tanTrao,
      await unitId(t, 'TCT-BACNINH'),
      await unitId(t, 'TTCT-KINHBAC'),
      await unitId(t, 'CB-KINHBAC-DONGXUYEN'),
    ];
    // The demo data predates the counters: a deployment files it once with the rebuild.
    await t.app.get(StatisticsFilingService).rebuild({ repair: true });
    await announce(t, await seedCompletionRows(t, units, programs));
    await statisticsSettled(t);
  });

  it('equals a plain GROUP BY at the academy, a province and a centre, per child, programme and month', async () => {
    for (const unit of [academy, tuyenQuang, minhXuan]) await expectExact(unit);
    const byProgram = await completion({ orgUnitId: tuyenQuang, groupBy: 'month', programId: programs[1] });
    expect(comparable(byProgram.rows)).toEqual(
      await plainCompletion(t.dataSource, tuyenQuang, 'month', { programId: programs[1] }),
    );
    const children = await completion({ orgUnitId: tuyenQuang });
    expect(children.rows.map((r) => r.label)).toEqual(
      expect.arrayContaining(['Trung tâm Chính trị xã Tân Trào', 'Trường Chính trị tỉnh Tuyên Quang']),
    );
  });

  it('exports the same figures as CSV and as an xlsx that reads back with exceljs', async () => {
    const query = { orgUnitId: tuyenQuang, groupBy: 'program', from: '2025-01-01', to: '2026-12-31' };
    const json = await completion(query);
    const csv = await t.http().get('/api/v1/stats/completion.csv').query(query).set(admin).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(csv.text.startsWith('\uFEFFMã,Tên,Số lớp')).toBe(true);
    expect(csv.text.split('\r\n')).toHaveLength(json.rows.length + 3);
    const xlsx = await t
      .http()
      .get('/api/v1/stats/completion.xlsx')
      .query(query)
      .set(admin)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Thống kê hoàn thành')!;
    const read = [...json.rows, json.total].map((_, i) => {
      const cells = sheet.getRow(i + 2).values as unknown[];
      return { key: cells[1], classes: cells[3], enrolled: cells[4], passRate: cells[8], certificates: cells[15] };
    });
    expect(read).toEqual(
      [...json.rows, json.total].map((r) => ({
        key: r.key,
        classes: r.classes,
        enrolled: r.enrolled,
        passRate: r.passRate ?? undefined,
        certificates: r.certificatesIssued,
      })),
    );
  });

  it('counts an event delivered twice once, and the rebuild finds nothing to repair', async () => {
    const before = await completion({ orgUnitId: academy, groupBy: 'program' });
    const [done] = await t.dataSource.query(
      `SELECT e.id, e.class_id FROM enrollments e JOIN classes c ON c.id = e.class_id
        WHERE e.status = 'completed' AND c.status = 'closed' LIMIT 1`,
    );
    const outbox = t.app.get(OutboxService);
    for (let i = 0; i < 2; i++) {
      await t.dataSource.transaction((em) =>
        outbox.publish(em, 'enrollment.completed', { enrollmentId: done.id, classId: done.class_id, unmet: [] }),
      );
    }
    // And a delivered job sent again, as a retry would.
    await t.dataSource.query(
      `UPDATE outbox_events SET status = 'pending', generation = generation + 1
        WHERE id = (SELECT id FROM outbox_events WHERE subscriber = 'statistics.on-enrollment-completed' LIMIT 1)`,
    );
    await statisticsSettled(t);
    expect(await completion({ orgUnitId: academy, groupBy: 'program' })).toEqual(before);

    const report = await t.app.get(StatisticsFilingService).rebuild({ repair: false });
    expect(report).toMatchObject({ filingsDiffering: 0, counters: [], repaired: false });
    expect(rebuildLines(report)).toContain('lyluan: no differences');
  });

  it('reports a corrupted counter and repairs it', async () => {
    // An UPDATE's result through TypeORM is [rows, count].
    const [[victim]] = await t.dataSource.query(
      `UPDATE stats_completion_counters SET completed = completed + 3
        WHERE (org_unit_id, grain, period, child_id, program_id) =
              (SELECT org_unit_id, grain, period, child_id, program_id FROM stats_completion_counters
                WHERE org_unit_id = $1 AND grain = 'month' AND classes > 0 LIMIT 1)
        RETURNING org_unit_id, period::text`,
      [tuyenQuang],
    );
    const filing = t.app.get(StatisticsFilingService);
    const found = await filing.rebuild({ repair: false });
    expect(found.counters).toHaveLength(1);
    expect(found.counters[0]).toMatchObject({ orgUnitId: victim.org_unit_id, grain: 'month', period: victim.period });
    expect(found.counters[0].stored!.completed - found.counters[0].expected!.completed).toBe(3);
    expect(rebuildLines(found).join('\n')).toMatch(/1 counters differ[\s\S]*completed \d+ → \d+/);

    expect(await filing.rebuild({ repair: true })).toMatchObject({ repaired: true });
    expect(await filing.rebuild({ repair: false })).toMatchObject({ filingsDiffering: 0, counters: [] });
    await expectExact(tuyenQuang);
  });

  it('follows a real enrolment and closing through the events', async () => {
    const qtv = await loginAs(t, 'qtv.tuyenquang');
    const [course] = await t.dataSource.query(`SELECT id FROM courses WHERE version = '2022'`);
    const opened = await t
      .http()
      .post('/api/v1/classes')
      .set(qtv)
      .send({
        courseId: course.id,
        orgUnitId: minhXuan,
        code: 'TK-THAT-1',
        title: 'Lớp nhận thức về Đảng thống kê',
        startsOn: '2026-11-02',
        endsOn: '2026-11-20',
        mode: 'in_person',
        enrollmentPolicy: 'closed',
        requireFinalExam: false,
      })
      .expect(201);
    const classId = opened.body.id;
    await t.http().patch(`/api/v1/classes/${classId}`).set(qtv).send({ status: 'open' }).expect(200);
    for (const username of ['hv.minhxuan.1', 'hv.minhxuan.2']) {
      const [user] = await t.dataSource.query(`SELECT id FROM users WHERE username = $1`, [username]);
      await t.http().post(`/api/v1/classes/${classId}/enrollments`).set(qtv).send({ userId: user.id }).expect(201);
    }
    await statisticsSettled(t);
    const open = await completion({ orgUnitId: minhXuan, from: '2026-11-20', to: '2026-11-20' });
    expect(open.total).toMatchObject({ classes: 1, enrolled: 2, inProgress: 2, completed: 0 });
    await t.http().post(`/api/v1/classes/${classId}/close`).set(qtv).expect(200);
    await statisticsSettled(t);
    await expectExact(minhXuan);
  });

  it('after a merge, the successor counts the merged centre and the province total stays', async () => {
    const province = await completion({ orgUnitId: tuyenQuang });
    const successor = (await completion({ orgUnitId: minhXuan })).total;
    const merged = (await completion({ orgUnitId: tanTrao })).total;
    expect(merged.classes).toBeGreaterThan(0);
    await mergeToday(t, admin, tanTrao, minhXuan);
    await statisticsSettled(t);
    const after = (await completion({ orgUnitId: minhXuan })).total;
    expect(after.classes).toBe((successor.classes as number) + (merged.classes as number));
    expect(after.enrolled).toBe((successor.enrolled as number) + (merged.enrolled as number));
    expect((await completion({ orgUnitId: tuyenQuang })).total).toEqual(province.total);
    const children = await completion({ orgUnitId: minhXuan });
    expect(children.rows.find((r) => r.key === tanTrao)).toMatchObject({ classes: merged.classes });
    for (const unit of [tuyenQuang, minhXuan]) await expectExact(unit);
    expect(await t.app.get(StatisticsFilingService).rebuild({ repair: false })).toMatchObject({ counters: [] });
  });
});

describe('Statistics: who may read', () => {
  const app = useTestApp();
  let t: TestApp;
  let admin: Headers;
  let tuyenQuang: string;
  let bacNinh: string;
  let bnViewer: Headers;
  let bnKey: { 'x-api-key': string };

  beforeAll(async () => {
    t = app();
    admin = await asAdmin(t);
    tuyenQuang = await unitId(t, 'TCT-TUYENQUANG');
    bacNinh = await unitId(t, 'TCT-BACNINH');
    const person = await t
      .http()
      .post('/api/v1/users')
      .set(admin)
      .send({
        username: 'thongke.bacninh',
        fullName: 'Lê Thị Thống',
        password: 'mat-khau-thong-ke',
        orgUnitId: bacNinh,
      })
      .expect(201);
    await t
      .http()
      .post(`/api/v1/users/${person.body.id}/roles`)
      .set(admin)
      .send({ role: 'stats_viewer', orgUnitId: bacNinh })
      .expect(201);
    bnViewer = await loginAs(t, 'thongke.bacninh', 'mat-khau-thong-ke');
    bnKey = await bacNinhKey(t, 'Cổng thống kê tỉnh', ['stats:read']);
  });

  it('lets a Bắc Ninh viewer, admin or stats:read key read Bắc Ninh, and not Tuyên Quang (404)', async () => {
    for (const who of [bnViewer, bnKey, await loginAs(t, 'qtv.bacninh')]) {
      const own = await t.http().get('/api/v1/stats/completion').query({ orgUnitId: bacNinh }).set(who).expect(200);
      expect(own.body.total).toMatchObject({ key: 'total', label: 'Tổng cộng', classes: 0 });
      expect(own.body.rows.map((r: { label: string }) => r.label)).toEqual(['Trung tâm Chính trị phường Kinh Bắc']);
      await t.http().get('/api/v1/stats/completion').query({ orgUnitId: tuyenQuang }).set(who).expect(404);
    }
    await t
      .http()
      .get('/api/v1/stats/completion')
      .query({ orgUnitId: tuyenQuang })
      .set(await loginAs(t, 'thongke.hvctkv1'))
      .expect(200);
  });

  it('refuses a learner and a key without the scope (403)', async () => {
    await t
      .http()
      .get('/api/v1/stats/completion')
      .query({ orgUnitId: tuyenQuang })
      .set(await loginAs(t, 'hv.minhxuan.1'))
      .expect(403);
    await t
      .http()
      .get('/api/v1/stats/completion')
      .query({ orgUnitId: bacNinh })
      .set(await bacNinhKey(t, 'Chỉ đọc đơn vị', ['org_units:read']))
      .expect(403);
  });

  it('names the wrong field of a malformed query (400)', async () => {
    const bad = (query: Record<string, string>, field: string) =>
      expectInvalid(t, '/api/v1/stats/completion', admin, query, field);
    await bad({}, 'orgUnitId');
    await bad({ orgUnitId: 'abc' }, 'orgUnitId');
    await bad({ orgUnitId: bacNinh, groupBy: 'week' }, 'groupBy');
    await bad({ orgUnitId: bacNinh, from: '2025-02-30' }, 'from');
    await bad({ orgUnitId: bacNinh, from: '2025-03-01', to: '2025-02-01' }, 'to');
    await bad({ orgUnitId: bacNinh, clusterId: bacNinh }, 'orgUnitId');
    await t
      .http()
      .get('/api/v1/stats/completion')
      .query({ orgUnitId: '00000000-0000-4000-8000-000000000000' })
      .set(admin)
      .expect(404);
  });

  it('neutralises a cell Excel would run in the CSV', async () => {
    await t
      .http()
      .post('/api/v1/org-units')
      .set(admin)
      .send({ name: '=cmd|" /C calc"!A0', code: 'TTCT-CMD', type: 'commune_center', parentId: bacNinh })
      .expect(201);
    const csv = await t
      .http()
      .get('/api/v1/stats/completion.csv')
      .query({ orgUnitId: bacNinh })
      .set(bnViewer)
      .expect(200);
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    expect(csv.text).toContain(`,"'=cmd|"" /C calc""!A0",0,`);
    expect(csv.text).not.toMatch(/,=cmd/);
    await t.http().get('/api/v1/stats/completion.xlsx').query({ orgUnitId: tuyenQuang }).set(bnViewer).expect(404);
  });

  it('sets a plan and shows the actuals beside it, 40% of 10 classes and of 500 learners', async () => {
    const [program] = await t.dataSource.query(`SELECT program_id AS id FROM courses WHERE version = '2022'`);
    const kinhBac = await unitId(t, 'TTCT-KINHBAC');
    const qtv = await loginAs(t, 'qtv.bacninh');
    const plan = (unit: string, year: string, items: unknown, who: Headers = qtv) =>
      t.http().put(`/api/v1/org-units/${unit}/plans/${year}`).set(who).send({ items });
    await plan(bacNinh, '2026', [{ programId: program.id, plannedClasses: 10, plannedLearners: 500 }]).expect(200);
    await plan(kinhBac, '2026', [{ programId: program.id, plannedClasses: 3, plannedLearners: 150 }]).expect(200);
    const people: { id: string }[] = await t.dataSource.query(
      `INSERT INTO users (username, full_name) SELECT 'kh.' || g, 'Học viên kế hoạch ' || g
         FROM generate_series(1, 260) g RETURNING id`,
    );
    const classIds: string[] = [];
    for (let i = 0; i < 5; i++) {
      const [cls] = await t.dataSource.query(
        `INSERT INTO classes (course_id, org_unit_id, code, title, starts_on, ends_on, mode, enrollment_policy, timezone,
                              status, require_final_exam)
         SELECT id, $1, $2, 'Lớp kế hoạch', '2026-03-01', $3, 'in_person', 'closed', 'Asia/Ho_Chi_Minh', $4, true
           FROM courses WHERE version = '2022' RETURNING id`,
        [i % 2 ? kinhBac : bacNinh, `KH-${i}`, i === 4 ? '2027-01-05' : '2026-05-20', i === 3 ? 'closed' : 'open'],
      );
      classIds.push(cls.id);
      for (let k = 0; k < 52; k++) {
        await t.dataSource.query(
          `INSERT INTO enrollments (class_id, user_id, status, source) VALUES ($1, $2, $3, 'admin')`,
          [cls.id, people[i * 52 + k].id, k >= 50 ? 'withdrawn' : 'active'],
        );
      }
    }
    // 4 classes of 2026 with 50 learners each (and 2 withdrawn); the fifth ends in 2027.
    await announce(t, classIds);
    await statisticsSettled(t);
    const shown = await t
      .http()
      .get('/api/v1/stats/plans')
      .query({ orgUnitId: bacNinh, year: 2026 })
      .set(bnViewer)
      .expect(200);
    expect(shown.body.rows).toEqual([
      expect.objectContaining({
        key: program.id,
        plannedClasses: 10,
        plannedLearners: 500,
        childrenPlannedClasses: 3,
        childrenPlannedLearners: 150,
        classes: 4,
        enrolled: 200,
        percentOfPlan: { classes: 40, learners: 40 },
      }),
    ]);
    expect(shown.body.total).toMatchObject({ key: 'total', plannedClasses: 10, classes: 4 });

    await plan(bacNinh, '2026', [{ programId: program.id, plannedClasses: 8, plannedLearners: 400 }]).expect(200);
    const again = await t.http().get('/api/v1/stats/plans').query({ orgUnitId: bacNinh, year: 2026 }).set(bnViewer);
    expect(again.body.rows[0].percentOfPlan).toEqual({ classes: 50, learners: 50 });

    await plan(bacNinh, '2026', [], await loginAs(t, 'gv.bacninh')).expect(403);
    await plan(bacNinh, '2026', [], await loginAs(t, 'qtv.tuyenquang')).expect(404);
    await plan(bacNinh, '20x6', []).expect(400);
    const unknown = await plan(bacNinh, '2026', [
      { programId: '00000000-0000-4000-8000-000000000000', plannedClasses: 1, plannedLearners: 1 },
    ]).expect(400);
    expect(JSON.stringify(unknown.body)).toContain('items.programId');
    await plan(bacNinh, '2026', [{ programId: program.id, plannedClasses: -1, plannedLearners: 1 }]).expect(400);
    await t.http().get('/api/v1/stats/plans').query({ orgUnitId: tuyenQuang, year: 2026 }).set(bnViewer).expect(404);
  });

  it('compares a cluster side by side, for readers who see every member', async () => {
    await t
      .http()
      .post('/api/v1/stats/clusters')
      .set(await loginAs(t, 'qtv.bacninh'))
      .send({ name: 'Cụm thử', orgUnitIds: [bacNinh] })
      .expect(403);
    await t
      .http()
      .post('/api/v1/stats/clusters')
      .set(admin)
      .send({ name: 'Cụm thử', orgUnitIds: [bacNinh, '00000000-0000-4000-8000-000000000000'] })
      .expect(400);
    const created = await t
      .http()
      .post('/api/v1/stats/clusters')
      .set(admin)
      .send({ name: 'Cụm thi đua các tỉnh phía Bắc', orgUnitIds: [tuyenQuang, bacNinh] })
      .expect(201);
    expect(created.body).toMatchObject({ name: 'Cụm thi đua các tỉnh phía Bắc', orgUnitIds: [tuyenQuang, bacNinh] });
    const listed = await t.http().get('/api/v1/stats/clusters').set(bnViewer).expect(200);
    expect(listed.body.map((c: { id: string }) => c.id)).toContain(created.body.id);
    const side = await t
      .http()
      .get('/api/v1/stats/completion')
      .query({ clusterId: created.body.id })
      .set(await loginAs(t, 'thongke.hvctkv1'))
      .expect(200);
    expect(side.body.rows.map((r: { key: string; label: string }) => [r.key, r.label])).toEqual([
      [tuyenQuang, 'Trường Chính trị tỉnh Tuyên Quang'],
      [bacNinh, 'Trường Chính trị tỉnh Bắc Ninh'],
    ]);
    await t.http().get('/api/v1/stats/completion').query({ clusterId: created.body.id }).set(bnViewer).expect(404);
  });
});
