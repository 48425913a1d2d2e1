import ICAL from 'ical.js';
import { activate, asAdmin, Headers, loginAs, referenceCourseId, unitId, userId } from '../support/actors';
import { createClass as createClassAs, enrol, openClass } from '../support/classes';
import { FactRecorderModule, RECORDED_TOPICS } from '../support/fact-recorder.module';
import { eventually, TestApp, useTestApp } from '../support/test-app';

const HOUR = 3600_000;

describe('classes: running a class from opening to closing', () => {
  const app = useTestApp({ extra: [FactRecorderModule] });
  let t: TestApp;
  let admin: Headers;
  let schoolAdmin: Headers;
  let otherAdmin: Headers;
  let instructor: Headers;
  let tuyenQuang: string;
  let courseId: string;

  const createClass = (fields: Record<string, unknown> = {}) =>
    createClassAs(t, schoolAdmin, { courseId, orgUnitId: tuyenQuang, mode: 'online', ...fields });

  const csv = (rows: string[]) =>
    Buffer.from(['username,fullName,dateOfBirth,email,phone,partyStatus,partyAdmissionDate', ...rows].join('\n'));

  const importEnrollments = async (classId: string, content: Buffer, as: Headers = schoolAdmin) => {
    const accepted = await t
      .http()
      .post(`/api/v1/classes/${classId}/enrollments/import`)
      .set(as)
      .attach('file', content, 'hoc-vien.csv')
      .expect(202);
    return eventually(async () => {
      const res = await t.http().get(`/api/v1/imports/${accepted.body.importId}`).set(as).expect(200);
      return res.body.status === 'done' || res.body.status === 'failed' ? res.body : null;
    });
  };

  beforeAll(async () => {
    t = app();
    admin = await asAdmin(t);
    schoolAdmin = await loginAs(t, 'qtv.tuyenquang');
    otherAdmin = await loginAs(t, 'qtv.bacninh');
    instructor = await loginAs(t, 'gv.tuyenquang');
    tuyenQuang = await unitId(t, 'TCT-TUYENQUANG');
    courseId = await referenceCourseId(t);
  });

  it('refuses a class of a draft course (409), bad dates (400) and other units (404 / 403)', async () => {
    const [program] = await t.dataSource.query(`SELECT id FROM programs WHERE code = 'NTVD'`);
    const draft = await t
      .http()
      .post('/api/v1/courses')
      .set(admin)
      .send({ programId: program.id, title: 'Nháp', version: 'nhap-1', orgUnitId: tuyenQuang })
      .expect(201);
    const base = {
      orgUnitId: tuyenQuang,
      code: 'X1',
      title: 'x',
      startsOn: '2026-11-01',
      endsOn: '2026-11-30',
      mode: 'online',
      enrollmentPolicy: 'self',
    };
    await t
      .http()
      .post('/api/v1/classes')
      .set(schoolAdmin)
      .send({ ...base, courseId: draft.body.id })
      .expect(409);
    const dates = await t
      .http()
      .post('/api/v1/classes')
      .set(schoolAdmin)
      .send({ ...base, courseId, endsOn: '2026-10-01' })
      .expect(400);
    expect(dates.body.errors[0].field).toBe('endsOn');
    const zone = await t
      .http()
      .post('/api/v1/classes')
      .set(schoolAdmin)
      .send({ ...base, courseId, timezone: 'Mars/Base' })
      .expect(400);
    expect(zone.body.errors[0].field).toBe('timezone');
    await t
      .http()
      .post('/api/v1/classes')
      .set(otherAdmin)
      .send({ ...base, courseId })
      .expect(404);
    await t
      .http()
      .post('/api/v1/classes')
      .set(instructor)
      .send({ ...base, courseId })
      .expect(403);
    const created = await createClass();
    await t.http().get(`/api/v1/classes/${created.id}`).set(otherAdmin).expect(404);
    await t.http().patch(`/api/v1/classes/${created.id}`).set(otherAdmin).send({ status: 'open' }).expect(404);
  });

  it('runs a class end to end: CSV enrolment, sessions, attendance, check-in, lessons, close', async () => {
    const theClass = await createClass({ requireFinalExam: false });
    expect(theClass).toMatchObject({ status: 'planned', timezone: 'Asia/Ho_Chi_Minh', requireFinalExam: false });
    await openClass(t, schoolAdmin, theClass.id);
    await t
      .http()
      .post(`/api/v1/classes/${theClass.id}/instructors`)
      .set(schoolAdmin)
      .send({ userId: await userId(t, 'gv.tuyenquang') })
      .expect(201);

    const result = await importEnrollments(
      theClass.id,
      csv([
        'hv.minhxuan.1,Nguyễn Văn Minh,,,,,',
        'hv.minhxuan.2,Trần Thị Xuân,,,,,',
        'hv.minhxuan.3,Lê Văn Ba,,,,,',
        'hv.moi.rut,Phạm Thị Rút,1995-03-02,,,none,',
        'hv.moi.thieu,Đỗ Văn Thiếu,1996-04-03,,,candidate,',
      ]),
    );
    expect(result).toMatchObject({ status: 'done', succeeded: 5, failed: 0 });
    const full = await loginAs(t, 'hv.minhxuan.1');
    const half = await loginAs(t, 'hv.minhxuan.2');
    const excused = await loginAs(t, 'hv.minhxuan.3');
    const withdrawn = await activate(t, 'hv.moi.rut');
    const missingLesson = await activate(t, 'hv.moi.thieu');
    const learners = { full, half, excused, withdrawn, missingLesson };
    const enrollmentOf: Record<string, string> = {};
    for (const [name, headers] of Object.entries(learners)) {
      const mine = await t.http().get('/api/v1/me/enrollments').set(headers).expect(200);
      enrollmentOf[name] = mine.body.items.find((e: { classId: string }) => e.classId === theClass.id).id;
    }

    const lessons: { id: string; mandatory: boolean }[] = (
      await t.http().get(`/api/v1/courses/${courseId}`).set(full).expect(200)
    ).body.lessons;
    const now = Date.now();
    const ongoing = await t
      .http()
      .post(`/api/v1/classes/${theClass.id}/sessions`)
      .set(instructor)
      .send({
        startsAt: new Date(now - HOUR).toISOString(),
        endsAt: new Date(now + HOUR).toISOString(),
        lessonIds: [lessons[0].id],
        location: 'Hội trường A',
      })
      .expect(201);
    const earlier = await t
      .http()
      .post(`/api/v1/classes/${theClass.id}/sessions`)
      .set(schoolAdmin)
      .send({
        startsAt: new Date(now - 26 * HOUR).toISOString(),
        endsAt: new Date(now - 23 * HOUR).toISOString(),
        lessonIds: [lessons[1].id],
      })
      .expect(201);
    expect(ongoing.body.checkInCode).toMatch(/^\d{6}$/);
    const asLearner = await t.http().get(`/api/v1/sessions/${ongoing.body.id}`).set(full).expect(200);
    expect(asLearner.body).not.toHaveProperty('checkInCode');

    for (const who of [full, half, excused, missingLesson]) {
      await t
        .http()
        .post(`/api/v1/sessions/${ongoing.body.id}/check-in`)
        .set(who)
        .send({ code: ongoing.body.checkInCode })
        .expect(200);
    }
    const ids = Object.fromEntries(
      await Promise.all(
        Object.keys(learners).map(async (name) => [
          name,
          await userId(
            t,
            (
              {
                full: 'hv.minhxuan.1',
                half: 'hv.minhxuan.2',
                excused: 'hv.minhxuan.3',
                withdrawn: 'hv.moi.rut',
                missingLesson: 'hv.moi.thieu',
              } as Record<string, string>
            )[name],
          ),
        ]),
      ),
    );
    const attendance = {
      records: [
        { userId: ids.full, status: 'present' },
        { userId: ids.half, status: 'absent' },
        { userId: ids.excused, status: 'excused' },
        { userId: ids.missingLesson, status: 'late' },
      ],
    };
    await t.http().put(`/api/v1/sessions/${earlier.body.id}/attendance`).set(instructor).send(attendance).expect(200);
    const again = await t
      .http()
      .put(`/api/v1/sessions/${earlier.body.id}/attendance`)
      .set(instructor)
      .send(attendance)
      .expect(200);
    expect(again.body.records).toHaveLength(4);

    for (const [name, headers] of Object.entries(learners)) {
      const todo = name === 'missingLesson' ? lessons.filter((l) => l.mandatory).slice(1) : lessons;
      for (const lesson of todo) {
        await t
          .http()
          .post(`/api/v1/enrollments/${enrollmentOf[name]}/lessons/${lesson.id}/complete`)
          .set(headers)
          .expect(200);
      }
    }
    await t
      .http()
      .patch(`/api/v1/enrollments/${enrollmentOf.withdrawn}`)
      .set(withdrawn)
      .send({ status: 'withdrawn' })
      .expect(200);

    // The stored summary follows through the outbox.
    const progress = await eventually(async () => {
      const res = await t.http().get(`/api/v1/enrollments/${enrollmentOf.half}/progress`).set(half).expect(200);
      return res.body.attendanceRate === 0.5 ? res.body : null;
    });
    expect(progress).toMatchObject({
      lessonsCompleted: lessons.length,
      lessonsTotal: lessons.length,
      status: 'active',
    });

    const closed = await t.http().post(`/api/v1/classes/${theClass.id}/close`).set(schoolAdmin).expect(200);
    expect(closed.body).toEqual({ completed: 2, failed: 2, rejected: 0 });
    const statuses: Record<string, unknown> = {};
    for (const [name, headers] of Object.entries(learners)) {
      const res = await t.http().get(`/api/v1/enrollments/${enrollmentOf[name]}/progress`).set(headers).expect(200);
      statuses[name] = [res.body.status, res.body.attendanceRate];
    }
    expect(statuses).toEqual({
      full: ['completed', 1],
      half: ['failed', 0.5],
      excused: ['completed', 1],
      withdrawn: ['withdrawn', 0],
      missingLesson: ['failed', 1],
    });
    const events = await t.dataSource.query(
      `SELECT topic, count(DISTINCT event_id)::int AS n FROM outbox_events WHERE topic = ANY($1) AND payload->>'classId' = $2
        GROUP BY topic ORDER BY topic`,
      [RECORDED_TOPICS, theClass.id],
    );
    expect(events).toEqual([
      { topic: 'class.closed', n: 1 },
      { topic: 'enrollment.completed', n: 2 },
      { topic: 'enrollment.failed', n: 2 },
      { topic: 'enrollment.withdrawn', n: 1 },
    ]);
    await t.http().post(`/api/v1/classes/${theClass.id}/close`).set(schoolAdmin).expect(409);
    await t.http().put(`/api/v1/sessions/${earlier.body.id}/attendance`).set(instructor).send(attendance).expect(409);
  });

  it('never puts more than the capacity in a class: 40 concurrent self-enrolments into 10 seats', async () => {
    const theClass = await createClass({ capacity: 10, enrollmentPolicy: 'self' });
    await openClass(t, schoolAdmin, theClass.id);
    const cell = await unitId(t, 'CB-MINHXUAN-TDP1');
    const fresh: Headers[] = [];
    for (let i = 0; i < 40; i++) {
      const person = await t
        .http()
        .post('/api/v1/users')
        .set(admin)
        .send({
          username: `hv.dongthoi.${i}`,
          fullName: `Học viên ${i}`,
          password: 'mat-khau-dong-thoi',
          orgUnitId: cell,
        })
        .expect(201);
      await t
        .http()
        .post(`/api/v1/users/${person.body.id}/roles`)
        .set(admin)
        .send({ role: 'learner', orgUnitId: cell })
        .expect(201);
      fresh.push(await loginAs(t, `hv.dongthoi.${i}`, 'mat-khau-dong-thoi'));
    }
    const results = await Promise.all(fresh.map((h) => t.http().post(`/api/v1/classes/${theClass.id}/enroll`).set(h)));
    const codes = results.map((r) => r.status).sort();
    expect(codes.filter((c) => c === 201)).toHaveLength(10);
    expect(codes.filter((c) => c === 409)).toHaveLength(30);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'class_full')).toBe(true);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM enrollments WHERE class_id = $1 AND status = 'active'`,
      [theClass.id],
    );
    expect(n).toBe(10);
    await t
      .http()
      .post(`/api/v1/classes/${theClass.id}/enroll`)
      .set(fresh[results.findIndex((r) => r.status === 201)])
      .expect(409);
  });

  it('follows the enrolment policy: approval makes pending requests an admin approves or rejects', async () => {
    const theClass = await createClass({ enrollmentPolicy: 'approval', capacity: 1 });
    const closedPolicy = await createClass({ enrollmentPolicy: 'closed' });
    const first = await loginAs(t, 'hv.minhxuan.1');
    const second = await loginAs(t, 'hv.minhxuan.2');
    await t.http().post(`/api/v1/classes/${closedPolicy.id}/enroll`).set(first).expect(404);
    const a = await t.http().post(`/api/v1/classes/${theClass.id}/enroll`).set(first).expect(201);
    const b = await t.http().post(`/api/v1/classes/${theClass.id}/enroll`).set(second).expect(201);
    expect([a.body.status, b.body.status]).toEqual(['pending', 'pending']);
    await t.http().post(`/api/v1/enrollments/${a.body.id}/approve`).set(instructor).expect(403);
    await t.http().post(`/api/v1/enrollments/${a.body.id}/approve`).set(otherAdmin).expect(404);
    const approved = await t.http().post(`/api/v1/enrollments/${a.body.id}/approve`).set(schoolAdmin).expect(200);
    expect(approved.body.status).toBe('active');
    await t.http().post(`/api/v1/enrollments/${a.body.id}/approve`).set(schoolAdmin).expect(409);
    const full = await t.http().post(`/api/v1/enrollments/${b.body.id}/approve`).set(schoolAdmin).expect(409);
    expect(full.body.code).toBe('class_full');
    const rejected = await t.http().post(`/api/v1/enrollments/${b.body.id}/reject`).set(schoolAdmin).expect(200);
    expect(rejected.body.status).toBe('rejected');
    await t.http().patch(`/api/v1/enrollments/${a.body.id}`).set(first).send({ status: 'withdrawn' }).expect(200);
    await t.http().patch(`/api/v1/enrollments/${a.body.id}`).set(first).send({ status: 'withdrawn' }).expect(409);
    await t.http().patch(`/api/v1/enrollments/${a.body.id}`).set(first).send({ status: 'completed' }).expect(400);
    // A withdrawn learner may ask again; the same row comes back pending.
    const again = await t.http().post(`/api/v1/classes/${theClass.id}/enroll`).set(first).expect(201);
    expect(again.body).toMatchObject({ id: a.body.id, status: 'pending' });
  });

  describe('check-in', () => {
    let session: { id: string; checkInCode: string };
    let learner: Headers;
    let future: { id: string; checkInCode: string };

    beforeAll(async () => {
      const theClass = await createClass();
      await openClass(t, schoolAdmin, theClass.id);
      await enrol(t, schoolAdmin, theClass.id, ['hv.minhxuan.1']);
      const now = Date.now();
      session = (
        await t
          .http()
          .post(`/api/v1/classes/${theClass.id}/sessions`)
          .set(schoolAdmin)
          .send({
            startsAt: new Date(now - 10 * 60_000).toISOString(),
            endsAt: new Date(now + HOUR).toISOString(),
            lessonIds: [],
            bridgePoints: [{ name: 'Điểm cầu xã Minh Xuân' }],
          })
          .expect(201)
      ).body;
      future = (
        await t
          .http()
          .post(`/api/v1/classes/${theClass.id}/sessions`)
          .set(schoolAdmin)
          .send({
            startsAt: new Date(now + 2 * HOUR).toISOString(),
            endsAt: new Date(now + 3 * HOUR).toISOString(),
            lessonIds: [],
          })
          .expect(201)
      ).body;
      learner = await loginAs(t, 'hv.minhxuan.1');
    });

    it('refuses a wrong code, an expired code and a check-in outside the window with 409', async () => {
      const wrong = String((Number(session.checkInCode) + 500_000) % 1_000_000).padStart(6, '0');
      const res = await t
        .http()
        .post(`/api/v1/sessions/${session.id}/check-in`)
        .set(learner)
        .send({ code: wrong })
        .expect(409);
      expect(['check_in_code_invalid', 'check_in_code_expired']).toContain(res.body.code);
      const [row] = await t.dataSource.query(`SELECT check_in_secret FROM class_sessions WHERE id = $1`, [session.id]);
      const { checkInCode, periodOf } = await import('../../src/modules/classes/check-in-code');
      const old = checkInCode(row.check_in_secret, periodOf(new Date(), t.env.CHECK_IN_CODE_PERIOD_SECONDS) - 5);
      const expired = await t
        .http()
        .post(`/api/v1/sessions/${session.id}/check-in`)
        .set(learner)
        .send({ code: old })
        .expect(409);
      expect(expired.body.code).toBe('check_in_code_expired');
      const early = await t
        .http()
        .post(`/api/v1/sessions/${future.id}/check-in`)
        .set(learner)
        .send({ code: future.checkInCode })
        .expect(409);
      expect(early.body.code).toBe('check_in_closed');
      await t.http().post(`/api/v1/sessions/${session.id}/check-in`).set(learner).send({ code: 'abc' }).expect(400);
    });

    it('checks in once however often it is sent, and other learners get 404', async () => {
      const point = (await t.http().get(`/api/v1/sessions/${session.id}`).set(schoolAdmin)).body.bridgePoints[0].id;
      const twice = await Promise.all(
        [0, 1].map(() =>
          t
            .http()
            .post(`/api/v1/sessions/${session.id}/check-in`)
            .set(learner)
            .send({ code: session.checkInCode, bridgePointId: point }),
        ),
      );
      expect(twice.map((r) => r.status)).toEqual([200, 200]);
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM attendance_records WHERE session_id = $1`,
        [session.id],
      );
      expect(n).toBe(1);
      await t
        .http()
        .post(`/api/v1/sessions/${session.id}/check-in`)
        .set(await loginAs(t, 'hv.kinhbac.1'))
        .send({ code: session.checkInCode })
        .expect(404);
      const headcount = await t
        .http()
        .put(`/api/v1/sessions/${session.id}/bridge-points/${point}/headcount`)
        .set(instructor)
        .send({ count: 42 })
        .expect(200);
      expect(headcount.body.headcount).toBe(42);
      const sheet = await t.http().get(`/api/v1/sessions/${session.id}/attendance`).set(schoolAdmin).expect(200);
      expect(sheet.body).toMatchObject({
        totalHeadcount: 42,
        records: [{ status: 'present', source: 'check_in', bridgePointId: point }],
      });
    });
  });

  it('serves calendar.ics that a real iCalendar library reads, every session at its time', async () => {
    const theClass = await createClass({ title: 'Lớp học; có dấu, phẩy' });
    const times = [
      ['2026-12-01T07:30:00+07:00', '2026-12-01T11:00:00+07:00'],
      ['2026-12-02T13:30:00+07:00', '2026-12-02T17:00:00+07:00'],
    ];
    for (const [startsAt, endsAt] of times) {
      await t
        .http()
        .post(`/api/v1/classes/${theClass.id}/sessions`)
        .set(schoolAdmin)
        .send({ startsAt, endsAt, lessonIds: [], location: 'Hội trường B' })
        .expect(201);
    }
    const res = await t.http().get(`/api/v1/classes/${theClass.id}/calendar.ics`).set(schoolAdmin).expect(200);
    expect(res.headers['content-type']).toContain('text/calendar');
    const calendar = new ICAL.Component(ICAL.parse(res.text));
    const zone = new ICAL.Timezone(calendar.getFirstSubcomponent('vtimezone')!);
    ICAL.TimezoneService.register(zone);
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => [e.startDate.toJSDate().toISOString(), e.endDate.toJSDate().toISOString()])).toEqual(
      times.map(([s, e]) => [new Date(s).toISOString(), new Date(e).toISOString()]),
    );
    expect(events[0].summary).toContain('Lớp học; có dấu, phẩy');
    expect(res.text).toContain('DTSTART;TZID=Asia/Ho_Chi_Minh:20261201T073000');
    await t.http().get(`/api/v1/classes/${theClass.id}/calendar.ics`).set(otherAdmin).expect(404);
  });

  it('shows a learner only their own enrolments and progress', async () => {
    const theClass = await createClass();
    const [mine, other] = await enrol(t, schoolAdmin, theClass.id, ['hv.minhxuan.2', 'hv.minhxuan.3']);
    await t
      .http()
      .post(`/api/v1/classes/${theClass.id}/enrollments`)
      .set(schoolAdmin)
      .send({ userId: await userId(t, 'hv.minhxuan.3') })
      .expect(409);
    await t
      .http()
      .post(`/api/v1/classes/${theClass.id}/enrollments`)
      .set(schoolAdmin)
      .send({ userId: await userId(t, 'hv.kinhbac.1') })
      .expect(404);
    const learner = await loginAs(t, 'hv.minhxuan.2');
    await t.http().get(`/api/v1/enrollments/${mine.id}/progress`).set(learner).expect(200);
    await t.http().get(`/api/v1/enrollments/${other.id}/progress`).set(learner).expect(404);
    await t.http().get(`/api/v1/enrollments/${other.id}`).set(learner).expect(404);
    await t.http().patch(`/api/v1/enrollments/${other.id}`).set(learner).send({ status: 'withdrawn' }).expect(404);
    await t.http().get(`/api/v1/classes/${theClass.id}/enrollments`).set(learner).expect(403);
    const list = await t.http().get('/api/v1/me/enrollments').set(learner).expect(200);
    expect(list.body.items.every((e: { userId: string }) => e.userId === list.body.items[0].userId)).toBe(true);
    const ics = await t.http().get('/api/v1/me/calendar.ics').set(learner).expect(200);
    expect(ics.text).toContain('BEGIN:VCALENDAR');
  });

  it('lets an enrolled learner download a lesson attachment, and no one else', async () => {
    const [program] = await t.dataSource.query(`SELECT id FROM programs WHERE code = 'NTVD'`);
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
    const draft = await t
      .http()
      .post('/api/v1/courses')
      .set(admin)
      .send({ programId: program.id, title: 'Có tệp', version: 'tep-2026', orgUnitId: tuyenQuang })
      .expect(201);
    const newLesson = await t
      .http()
      .post(`/api/v1/courses/${draft.body.id}/lessons`)
      .set(admin)
      .send({ title: 'Bài có tệp', periods: 5, content: '[Tài liệu](../attachments/tai-lieu.pdf)' })
      .expect(201);
    const attachment = await t
      .http()
      .post(`/api/v1/lessons/${newLesson.body.id}/attachments`)
      .set(admin)
      .attach('file', pdf, 'tai-lieu.pdf')
      .expect(201);
    await t.http().post(`/api/v1/courses/${draft.body.id}/publish`).set(admin).expect(200);
    const theClass = await createClass({
      courseId: draft.body.id,
      code: 'TEP-1',
      title: 'Lớp có tệp',
      endsOn: '2026-11-30',
    });
    const enrolled = await loginAs(t, 'hv.minhxuan.1');
    const notEnrolled = await loginAs(t, 'hv.minhxuan.2');
    await t.http().get(attachment.body.url).set(enrolled).expect(404);
    await enrol(t, schoolAdmin, theClass.id, ['hv.minhxuan.1']);
    const bytes = await t.http().get(attachment.body.url).set(enrolled).buffer(true).expect(200);
    expect(bytes.headers['content-type']).toBe('application/pdf');
    expect(Buffer.compare(bytes.body, pdf)).toBe(0);
    await t.http().get(attachment.body.url).set(notEnrolled).expect(404);
    await t.http().get(`/api/v1/courses/${draft.body.id}`).set(notEnrolled).expect(404);
  });
});
