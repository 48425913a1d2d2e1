import { RemindersService } from '../../src/modules/reminders/reminders.service';
import type { TopicPayloads } from '../../src/queue/topics';
import { Headers, loginAs, referenceCourseId, unitId, userId } from '../support/actors';
import { openClassWithLearners } from '../support/classes';
import { Factory } from '../support/factory';
import { eventually, TestApp, useTestApp } from '../support/test-app';

const HOUR = 3_600_000;
const LEARNERS = ['hv.minhxuan.1', 'hv.minhxuan.2', 'hv.minhxuan.3'];

interface Row {
  user_id: string;
  body: string;
  email_status: string;
  email_due_at: Date | null;
  dedupe_key: string;
}

describe('reminders: due once, at the right hour, for what is due now', () => {
  // SMTP is set so emails get scheduled; nothing is sent in this file.
  // Pages of 100 recipients, so a class of a few hundred shows a reminder read a page at a time.
  const app = useTestApp({ env: { SMTP_URL: 'smtp://127.0.0.1:1', REMINDER_PAGE_SIZE: '100' } });
  let t: TestApp;
  let schoolAdmin: Headers;
  let instructor: Headers;
  let service: RemindersService;

  const scan = (now: Date) => t.dataSource.transaction((em) => service.scan(em, now));
  const remindersOf = (linkId: string, kind = 'session.reminder'): Promise<Row[]> =>
    t.dataSource.query(
      `SELECT user_id, body, email_status, email_due_at, dedupe_key FROM notifications
        WHERE kind = $1 AND link_id = $2 ORDER BY dedupe_key`,
      [kind, linkId],
    );
  const fanOutsDone = async () => {
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox_events
        WHERE topic IN ('reminder.due', 'reminder.page_due', 'session.rescheduled')
          AND status <> 'done'`,
    );
    return n === 0;
  };

  beforeAll(async () => {
    t = app();
    service = t.app.get(RemindersService);
    schoolAdmin = await loginAs(t, 'qtv.tuyenquang');
    instructor = await loginAs(t, 'gv.tuyenquang');
    await t.dataSource.query(`UPDATE users SET email = username || '@example.vn' WHERE username = ANY($1)`, [
      [...LEARNERS, 'gv.tuyenquang', 'qtv.tuyenquang'],
    ]);
  });

  describe('a session 24 h ahead, due at 22:30 class time', () => {
    // Due at 22:30 in Hồ Chí Minh City: the session starts at 22:30 the next evening.
    const due = new Date('2026-12-20T22:30:00+07:00');
    const startsAt = new Date(due.getTime() + 24 * HOUR);
    let classId: string;
    let sessionId: string;
    let recipients: string[];

    beforeAll(async () => {
      const created = await openClassWithLearners(
        t,
        schoolAdmin,
        {
          courseId: await referenceCourseId(t),
          orgUnitId: await unitId(t, 'TCT-TUYENQUANG'),
          title: 'Bồi dưỡng nhận thức về Đảng khóa 12',
        },
        LEARNERS,
      );
      classId = created.id;
      await t
        .http()
        .post(`/api/v1/classes/${classId}/instructors`)
        .set(schoolAdmin)
        .send({ userId: await userId(t, 'gv.tuyenquang') })
        .expect(201);
      const session = await t
        .http()
        .post(`/api/v1/classes/${classId}/sessions`)
        .set(instructor)
        .send({
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 2 * HOUR).toISOString(),
          lessonIds: [],
          location: 'Hội trường A',
        })
        .expect(201);
      sessionId = session.body.id;
      recipients = await Promise.all([...LEARNERS, 'gv.tuyenquang'].map((u) => userId(t, u)));
      await t
        .http()
        .patch('/api/v1/me/notification-preferences')
        .set(await loginAs(t, 'hv.minhxuan.3'))
        .send({ kinds: [{ kind: 'session.reminder', email: false }] })
        .expect(200);
    });

    it('notifies each learner and the instructor once, with the class title and the start time', async () => {
      expect(await scan(new Date(due.getTime() - 60_000))).toBe(0);
      expect(await scan(due)).toBeGreaterThanOrEqual(1);
      expect(await scan(due)).toBe(0);
      const rows = await eventually(async () => {
        const found = await remindersOf(sessionId);
        return found.length === recipients.length ? found : null;
      });
      expect(rows.map((r) => r.user_id).sort()).toEqual([...recipients].sort());
      for (const row of rows) {
        expect(row.body).toBe(
          'Buổi học lớp Bồi dưỡng nhận thức về Đảng khóa 12 bắt đầu lúc 22:30 ngày 21/12/2026 tại Hội trường A.',
        );
        expect(row.dedupe_key).toBe(`session.reminder:24h:${sessionId}:${row.user_id}:${startsAt.toISOString()}`);
      }
      const mine = await t
        .http()
        .get('/api/v1/me/notifications')
        .set(await loginAs(t, 'hv.minhxuan.1'))
        .expect(200);
      expect(mine.body.items.filter((n: { kind: string }) => n.kind === 'session.reminder')).toEqual([
        expect.objectContaining({
          title: 'Sắp đến buổi học lớp Bồi dưỡng nhận thức về Đảng khóa 12',
          link: { type: 'session', id: sessionId },
          email: 'pending',
        }),
      ]);
    });

    it('adds nothing when the scan runs again or the event is handled twice', async () => {
      const payload: TopicPayloads['reminder.due'] = {
        kind: 'session.reminder',
        objectId: sessionId,
        lead: '24h',
        dueAt: due.toISOString(),
        occursAt: startsAt.toISOString(),
        scannedAt: due.toISOString(),
      };
      expect(await t.dataSource.transaction((em) => service.fanOut(em, payload))).toBe(0);
      expect(await scan(new Date(due.getTime() + 5 * 60_000))).toBe(0);
      await eventually(fanOutsDone);
      expect(await remindersOf(sessionId)).toHaveLength(recipients.length);
    });

    it('shows in-app at once and holds the email until 07:00; email off stays off', async () => {
      const rows = await remindersOf(sessionId);
      const byUser = new Map(rows.map((r) => [r.user_id, r]));
      const off = byUser.get(await userId(t, 'hv.minhxuan.3'))!;
      expect(off).toMatchObject({ email_status: 'off', email_due_at: null });
      const on = byUser.get(await userId(t, 'hv.minhxuan.1'))!;
      expect(on.email_status).toBe('pending');
      expect(on.email_due_at).toEqual(new Date('2026-12-21T07:00:00+07:00'));
    });

    it('a moved session cancels the old pending emails and the next scan reminds for the new start', async () => {
      const moved = new Date(startsAt.getTime() + 48 * HOUR);
      await t
        .http()
        .patch(`/api/v1/sessions/${sessionId}`)
        .set(instructor)
        .send({ startsAt: moved.toISOString(), endsAt: new Date(moved.getTime() + 2 * HOUR).toISOString() })
        .expect(200);
      await eventually(async () => {
        const rows = await remindersOf(sessionId);
        return rows.every((r) => r.email_status !== 'pending') ? rows : null;
      });
      expect((await remindersOf(sessionId)).map((r) => r.email_status).sort()).toEqual([
        'cancelled',
        'cancelled',
        'cancelled',
        'off',
      ]);
      expect(await scan(new Date(moved.getTime() - 24 * HOUR))).toBeGreaterThanOrEqual(1);
      const fresh = await eventually(async () => {
        const rows = (await remindersOf(sessionId)).filter((r) => r.dedupe_key.endsWith(moved.toISOString()));
        return rows.length === recipients.length ? rows : null;
      });
      for (const row of fresh) expect(row.body).toContain('bắt đầu lúc 22:30 ngày 23/12/2026');
      expect(fresh.filter((r) => r.email_status === 'pending')).toHaveLength(3);
    });

    it('refuses a move that ends before it starts, a stranger and a bad id', async () => {
      const res = await t
        .http()
        .patch(`/api/v1/sessions/${sessionId}`)
        .set(instructor)
        .send({ endsAt: '2020-01-01T00:00:00+07:00' })
        .expect(400);
      expect(res.body.errors).toContainEqual(expect.objectContaining({ field: 'endsAt' }));
      await t.http().patch(`/api/v1/sessions/${sessionId}`).set(instructor).send({ startsAt: 'tomorrow' }).expect(400);
      await t
        .http()
        .patch(`/api/v1/sessions/${sessionId}`)
        .set(await loginAs(t, 'gv.bacninh'))
        .send({ location: 'Phòng 2' })
        .expect(404);
      await t
        .http()
        .patch(`/api/v1/sessions/${sessionId}`)
        .set(await loginAs(t, 'hv.minhxuan.1'))
        .send({ location: 'Phòng 2' })
        .expect(403);
    });
  });

  it('an exam closing in 24 h reminds those without a submitted attempt; an online class ending in 3 days those with mandatory lessons left', async () => {
    const factory = new Factory(t.dataSource);
    const course = await factory.course({ lessons: [{ mandatory: true }, { mandatory: true }] });
    const classId = await factory.trainingClass({ courseId: course.id, mode: 'online' });
    const done = await factory.enrollment(classId, 'hv.kinhbac.1');
    const behind = await factory.enrollment(classId, 'hv.kinhbac.3');
    await t.dataSource.query(
      `UPDATE enrollments SET mandatory_lessons_total = 2,
              mandatory_lessons_completed = CASE WHEN id = $1 THEN 2 ELSE 1 END WHERE class_id = $2`,
      [done.id, classId],
    );
    const examId = await factory.exam({ classId, questionIds: [await factory.question(course.id)] });
    const closesAt = new Date('2026-12-28T17:00:00+07:00');
    await t.dataSource.query(`UPDATE exams SET closes_at = $1 WHERE id = $2`, [closesAt, examId]);
    await factory.submittedAttempt({ examId, enrollment: done, answers: {} });

    await scan(new Date(closesAt.getTime() - 24 * HOUR));
    // The class ends when 31/12/2026 is over in its timezone; reminded 3 days before.
    await scan(new Date('2026-12-29T00:00:00+07:00'));
    const exam = await eventually(async () => {
      const rows = await remindersOf(examId, 'exam.closing');
      return rows.length === 1 ? rows : null;
    });
    expect(exam[0].user_id).toBe(behind.userId);
    expect(exam[0].body).toContain('đóng lúc 17:00 ngày 28/12/2026');
    const lessons = await eventually(async () => {
      const rows = await remindersOf(classId, 'class.lessons_due');
      return rows.length === 1 ? rows : null;
    });
    expect(lessons[0].user_id).toBe(behind.userId);
    expect(lessons[0].body).toContain('kết thúc ngày 31/12/2026. Bạn đã hoàn thành 1/2 bài học bắt buộc');
  });

  it('reminds a class of 250 in pages of 100 written side by side, each learner once; a replayed page adds none', async () => {
    const factory = new Factory(t.dataSource);
    const classId = await factory.trainingClass({ courseId: await referenceCourseId(t) });
    const learners: { id: string }[] = await t.dataSource.query(
      `WITH made AS (
         INSERT INTO users (username, full_name, email)
         SELECT 'hv.trang.' || n, 'Học viên trang ' || n, 'hv.trang.' || n || '@example.vn' FROM generate_series(1, 250) n
         RETURNING id)
       INSERT INTO enrollments (class_id, user_id, status, source) SELECT $1, id, 'active', 'admin' FROM made
       RETURNING user_id AS id`,
      [classId],
    );
    const sessionId = await factory.session(classId, -48);
    const [{ startsAt }] = await t.dataSource.query(
      `SELECT starts_at AS "startsAt" FROM class_sessions WHERE id = $1`,
      [sessionId],
    );
    const due = new Date(startsAt.getTime() - 24 * HOUR);
    await scan(due);
    await eventually(fanOutsDone);
    const rows = await remindersOf(sessionId);
    expect(rows.map((r) => r.user_id).sort()).toEqual(learners.map((l) => l.id).sort());
    expect(rows.every((r) => r.email_status === 'pending')).toBe(true);
    const pages: TopicPayloads['reminder.page_due'][] = (
      await t.dataSource.query(
        `SELECT payload FROM outbox_events WHERE topic = 'reminder.page_due' AND payload->>'objectId' = $1
          ORDER BY payload->>'afterUserId'`,
        [sessionId],
      )
    ).map((r: { payload: TopicPayloads['reminder.page_due'] }) => r.payload);
    // Pages of 100, 100 and 50: the reminder's own event wrote the first and published the other two at once.
    const sorted = learners.map((l) => l.id).sort();
    expect(pages.map((p) => [p.afterUserId, p.throughUserId])).toEqual([
      [sorted[99], sorted[199]],
      [sorted[199], null],
    ]);
    const replayed = await t.dataSource.transaction((em) => service.fanOut(em, pages[0]));
    expect(replayed).toBe(0);
    expect(await remindersOf(sessionId)).toHaveLength(250);

    // Someone enrolled inside the second page's range since the split: that page holds 101 now,
    // notifies its first 100 (the newcomer among them) and publishes the rest of its range.
    const newcomer = `${sorted[150].slice(0, 24)}000000000000`;
    await t.dataSource.query(
      `WITH made AS (INSERT INTO users (id, username, full_name) VALUES ($2, 'hv.trang.moi', 'Học viên mới') RETURNING id)
       INSERT INTO enrollments (class_id, user_id, status, source) SELECT $1, id, 'active', 'admin' FROM made`,
      [classId, newcomer],
    );
    const inRange = await t.dataSource.transaction((em) => service.fanOut(em, pages[0]));
    expect(inRange).toBe(1);
    const rest: TopicPayloads['reminder.page_due'][] = (
      await t.dataSource.query(
        `SELECT payload FROM outbox_events WHERE topic = 'reminder.page_due' AND payload->>'objectId' = $1
            AND payload->>'afterUserId' = $2`,
        [sessionId, sorted[198]],
      )
    ).map((r: { payload: TopicPayloads['reminder.page_due'] }) => r.payload);
    expect(rest.map((p) => p.throughUserId)).toEqual([sorted[199]]);
    await eventually(fanOutsDone);
    expect(await remindersOf(sessionId)).toHaveLength(251);
  });

  describe('probation: near the end without a new-member certificate', () => {
    let ids: { soon: string; certified: string; later: string };
    let province: string;

    const member = async (username: string, fullName: string, endsInDays: number): Promise<string> => {
      const [row] = await t.dataSource.query(
        `INSERT INTO users (username, full_name, org_unit_id, party_status, party_admission_date, email)
         SELECT $1, $2, id, 'probationary', (current_date + $3::int - interval '12 months')::date, $1 || '@example.vn'
           FROM org_units WHERE code = 'CB-MINHXUAN-THCS'
         RETURNING id`,
        [username, fullName, endsInDays],
      );
      return row.id;
    };

    /** A valid certificate of the new-member programme, as certificates would have issued it. */
    const certify = async (memberId: string) => {
      const [cls] = await t.dataSource.query(
        `INSERT INTO classes (course_id, org_unit_id, code, title, starts_on, ends_on, mode, enrollment_policy,
                              timezone, status, require_final_exam, closed_at)
         SELECT c.id, $1, 'DVM-1', 'Lớp đảng viên mới', '2026-06-01', '2026-07-01', 'in_person', 'closed',
                'Asia/Ho_Chi_Minh', 'closed', false, now()
           FROM courses c JOIN programs p ON p.id = c.program_id
          WHERE p.kind = 'new_member' AND c.status = 'published' LIMIT 1
         RETURNING id, course_id`,
        [province],
      );
      const [enrollment] = await t.dataSource.query(
        `INSERT INTO enrollments (class_id, user_id, status, source, completed_at)
         VALUES ($1, $2, 'completed', 'admin', now()) RETURNING id`,
        [cls.id, memberId],
      );
      await t.dataSource.query(
        `INSERT INTO certificates (enrollment_id, user_id, program_id, class_id, org_unit_id, status, serial,
                                   verification_code, issued_at)
         SELECT $1, $2, program_id, $3, $4, 'valid', 'DVM-0001', 'dvm-verify-0001', now()
           FROM courses WHERE id = $5`,
        [enrollment.id, memberId, cls.id, province, cls.course_id],
      );
    };

    beforeAll(async () => {
      province = await unitId(t, 'TCT-TUYENQUANG');
      ids = {
        soon: await member('dubi.son', 'Triệu Văn Sơn', 30),
        certified: await member('dubi.nguyet', 'Hà Thị Nguyệt', 30),
        later: await member('dubi.hung', 'Lục Văn Hùng', 200),
      };
      await certify(ids.certified);
    });

    it('alerts only the member ending soon without a certificate, and the school admins, once', async () => {
      const now = new Date();
      await scan(now);
      await scan(now);
      await eventually(fanOutsDone);
      const admins = [await userId(t, 'qtv.tuyenquang')];
      const soon = await eventually(async () => {
        const rows = await remindersOf(ids.soon, 'probation.certificate_missing');
        return rows.length === 1 + admins.length ? rows : null;
      });
      expect(soon.map((r) => r.user_id).sort()).toEqual([ids.soon, ...admins].sort());
      const toAdmin = soon.find((r) => r.user_id !== ids.soon)!;
      expect(toAdmin.body).toMatch(/^Đảng viên dự bị Triệu Văn Sơn \(Chi bộ Trường THCS Minh Xuân\) hết thời gian/);
      for (const other of [ids.certified, ids.later]) {
        expect(await remindersOf(other, 'probation.certificate_missing')).toEqual([]);
      }
      await scan(new Date(now.getTime() + HOUR));
      await eventually(fanOutsDone);
      expect(await remindersOf(ids.soon, 'probation.certificate_missing')).toHaveLength(1 + admins.length);
    });

    it('lists the member for school admins and stats viewers in scope', async () => {
      for (const who of ['qtv.tuyenquang', 'thongke.hvctkv1']) {
        const res = await t
          .http()
          .get(`/api/v1/stats/probation-alerts?orgUnitId=${province}`)
          .set(await loginAs(t, who))
          .expect(200);
        const listed = res.body.items.map((i: { id: string }) => i.id);
        expect(listed).toContain(ids.soon);
        expect(listed).not.toContain(ids.certified);
        expect(listed).not.toContain(ids.later);
        const item = res.body.items.find((i: { id: string }) => i.id === ids.soon);
        expect(item).toMatchObject({
          fullName: 'Triệu Văn Sơn',
          orgUnitName: 'Chi bộ Trường THCS Minh Xuân',
          admissionDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
          probationEndsOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        });
        expect(item.daysLeft).toBeGreaterThanOrEqual(27);
        expect(item.daysLeft).toBeLessThanOrEqual(31);
      }
    });

    it('refuses the wrong role (403), another province’s unit (404) and a bad query (400)', async () => {
      const path = `/api/v1/stats/probation-alerts?orgUnitId=${province}`;
      await t
        .http()
        .get(path)
        .set(await loginAs(t, 'hv.minhxuan.1'))
        .expect(403);
      await t.http().get(path).set(instructor).expect(403);
      const bacNinh = await loginAs(t, 'qtv.bacninh');
      await t.http().get(path).set(bacNinh).expect(404);
      const own = await t
        .http()
        .get(`/api/v1/stats/probation-alerts?orgUnitId=${await unitId(t, 'TCT-BACNINH')}`)
        .set(bacNinh)
        .expect(200);
      expect(own.body.items.map((i: { id: string }) => i.id)).not.toContain(ids.soon);
      for (const [query, field] of [
        ['', 'orgUnitId'],
        ['orgUnitId=nope', 'orgUnitId'],
        [`orgUnitId=${province}&cursor=${Buffer.from('["x","y"]').toString('base64url')}`, 'cursor'],
        [`orgUnitId=${province}&limit=0`, 'limit'],
      ]) {
        const res = await t.http().get(`/api/v1/stats/probation-alerts?${query}`).set(schoolAdmin).expect(400);
        expect(res.body.errors).toContainEqual(expect.objectContaining({ field }));
      }
    });
  });
});
