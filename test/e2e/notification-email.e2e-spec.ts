import type { EntityManager } from 'typeorm';
import type { NotificationKind } from '../../src/modules/notifications/notification-kinds';
import { NotificationEmailService } from '../../src/modules/notifications/notification-email.service';
import { NotificationsService } from '../../src/modules/notifications/notifications.service';
import type { JobContext } from '../../src/queue/job-handler.decorator';
import { activate, Headers, loginAs, referenceCourseId, unitId, userId } from '../support/actors';
import { createClass, openClass, openClassWithLearners } from '../support/classes';
import { certificatesOf, runClass, saveSettings } from '../support/certificates';
import { openExam } from '../support/exams';
import { startSmtpSink, SmtpSink } from '../support/smtp';
import { eventually, TestApp, useTestApp } from '../support/test-app';

const DAY = 86_400_000;

describe('notification email: one message per notification through a real SMTP server', () => {
  const env: Record<string, string> = {
    MAIL_FROM: '"Trường Chính trị tỉnh Tuyên Quang" <no-reply@tct.example.vn>',
    NOTIFY_QUIET_HOURS_START: '00:00',
    NOTIFY_QUIET_HOURS_END: '00:00',
  };
  let smtp: SmtpSink;
  beforeAll(async () => {
    smtp = await startSmtpSink();
    env.SMTP_URL = smtp.url;
  });
  const app = useTestApp({ env });
  afterAll(() => smtp.close());

  let t: TestApp;
  let schoolAdmin: Headers;
  let courseId: string;
  let tuyenQuang: string;

  /** A demo person given an address; answers their id. */
  const withEmail = async (username: string, email: string) => {
    const id = await userId(t, username);
    await t.dataSource.query(`UPDATE users SET email = $2 WHERE id = $1`, [id, email]);
    return id;
  };
  const notify = (userIdOf: string, key: string, at?: Date, kind: NotificationKind = 'enrollment.approved') =>
    t.dataSource.transaction((em) =>
      t.app.get(NotificationsService).notify(
        em,
        [
          {
            userId: userIdOf,
            kind,
            title: 'Yêu cầu ghi danh đã được duyệt',
            body: 'Bạn đã được nhận vào lớp “Lớp bồi dưỡng nhận thức về Đảng”.',
            link: { type: 'session', id: '7f1f0c7e-3f7b-4d0a-9d39-5b0e5d2b6c11' },
            dedupeKey: key,
          },
        ],
        at,
      ),
    );
  const notificationOf = async (key: string) => {
    const [row] = await t.dataSource.query(
      `SELECT id, email_status, email_error, email_sent_at FROM notifications WHERE dedupe_key = $1`,
      [key],
    );
    return row as { id: string; email_status: string; email_error: string | null; email_sent_at: Date | null };
  };
  const emailStatus = (key: string, status: string) =>
    eventually(async () => {
      const row = await notificationOf(key);
      return row?.email_status === status ? row : null;
    });
  /** The email's send events, first try first: a temporary refusal adds one for the next try. */
  const sendEvents = (notificationId: string): Promise<{ status: string; attempt: number | null }[]> =>
    t.dataSource.query(
      `SELECT status, (payload->>'attempt')::int AS attempt FROM outbox_events
        WHERE subscriber = 'notifications.send-email' AND payload->>'notificationId' = $1 ORDER BY seq`,
      [notificationId],
    );
  const handleDirectly = (notificationId: string) =>
    t.dataSource.transaction((em: EntityManager) =>
      t.app.get(NotificationEmailService).onEmailsDue([{ notificationId }], { em, attempt: 1 } as JobContext),
    );
  const attemptsFor = (address: string) => smtp.recipients.filter((r) => r === address).length;
  const inbox = async (as: Headers) => (await t.http().get('/api/v1/me/notifications').set(as).expect(200)).body;

  beforeAll(async () => {
    t = app();
    schoolAdmin = await loginAs(t, 'qtv.tuyenquang');
    courseId = await referenceCourseId(t);
    tuyenQuang = await unitId(t, 'TCT-TUYENQUANG');
  });

  it('a certificate issued: the learner gets one in-app notification and one email in Vietnamese, to their full name', async () => {
    await saveSettings(t, schoolAdmin, 'TCT-TUYENQUANG');
    const { classId } = await runClass(
      t,
      schoolAdmin,
      { courseId, orgUnitId: tuyenQuang },
      [
        {
          username: 'tb.nhung',
          fullName: 'Nguyễn Thị Hồng Nhung',
          dateOfBirth: '1990-01-10',
          email: 'nhung@example.vn',
          outcome: 'present',
        },
        {
          username: 'tb.duc',
          fullName: 'Trần Văn Đức',
          dateOfBirth: '1991-02-11',
          email: 'duc@example.vn',
          outcome: 'present',
        },
      ],
      { close: false },
    );
    const duc = await activate(t, 'tb.duc');
    await t
      .http()
      .patch('/api/v1/me/notification-preferences')
      .set(duc)
      .send({ kinds: [{ kind: 'certificate.issued', email: false }] })
      .expect(200);
    await t.http().post(`/api/v1/classes/${classId}/close`).set(schoolAdmin).expect(200);
    const issued = await certificatesOf(t, schoolAdmin, classId, 2);
    const { program, class: theClass } = issued[0];

    const [mail] = await smtp.waitFor(1, 'nhung@example.vn');
    expect(mail.subject).toBe(`Giấy chứng nhận đã được cấp: ${program.name}`);
    expect(mail.text).toContain(`lớp “${theClass.title}”`);
    expect(mail.text).toContain('Kính gửi Nguyễn Thị Hồng Nhung,');
    expect(mail.html).toContain(theClass.title);
    expect(mail.html).toContain(program.name);
    expect(mail.to).toMatchObject({ value: [{ name: 'Nguyễn Thị Hồng Nhung', address: 'nhung@example.vn' }] });
    expect(mail.from!.value).toEqual([
      { name: 'Trường Chính trị tỉnh Tuyên Quang', address: 'no-reply@tct.example.vn' },
    ]);

    const nhung = await activate(t, 'tb.nhung');
    const mine = await eventually(async () => {
      const body = await inbox(nhung);
      return body.items[0]?.email === 'sent' ? body : null;
    });
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({ kind: 'certificate.issued', title: 'Giấy chứng nhận đã được cấp' });
    expect(mine.items[0].link.type).toBe('certificate');

    const his = await inbox(duc);
    expect(his.items).toHaveLength(1);
    expect(his.items[0]).toMatchObject({ kind: 'certificate.issued', email: 'off' });
    expect(attemptsFor('duc@example.vn')).toBe(0);
  });

  it('a permanent refusal (550) marks the email failed after one attempt', async () => {
    smtp.refuse('tu-choi@example.vn', 550);
    await notify(await withEmail('hv.kinhbac.1', 'tu-choi@example.vn'), 'email:550');
    const failed = await emailStatus('email:550', 'failed');
    expect(failed.email_error).toContain('550');
    expect(await sendEvents(failed.id)).toEqual([{ status: 'done', attempt: null }]);
    expect(attemptsFor('tu-choi@example.vn')).toBe(1);
  });

  it('a temporary refusal (451) is retried, then delivered', async () => {
    smtp.refuse('tam-hoan@example.vn', 451, 1);
    await notify(await withEmail('hv.kinhbac.2', 'tam-hoan@example.vn'), 'email:451');
    const [mail] = await smtp.waitFor(1, 'tam-hoan@example.vn');
    expect(mail.subject).toBe('Yêu cầu ghi danh đã được duyệt');
    const sent = await emailStatus('email:451', 'sent');
    expect(sent.email_sent_at).not.toBeNull();
    expect(attemptsFor('tam-hoan@example.vn')).toBe(2);
    expect(await sendEvents(sent.id)).toEqual([
      { status: 'done', attempt: null },
      { status: 'done', attempt: 2 },
    ]);
  });

  it('a cancelled email is not sent; the same due event handled twice sends one email', async () => {
    const id = await withEmail('hv.kinhbac.3', 'mot-lan@example.vn');
    const tomorrow = new Date(Date.now() + DAY);
    await notify(id, 'email:cancelled', tomorrow, 'session.reminder');
    await t.dataSource.transaction((em) =>
      t.app
        .get(NotificationsService)
        .cancelPendingEmails(em, 'session.reminder', '7f1f0c7e-3f7b-4d0a-9d39-5b0e5d2b6c11'),
    );
    const cancelled = await notificationOf('email:cancelled');
    await handleDirectly(cancelled.id);
    expect((await notificationOf('email:cancelled')).email_status).toBe('cancelled');
    expect(attemptsFor('mot-lan@example.vn')).toBe(0);

    await notify(id, 'email:twice', tomorrow);
    const twice = await notificationOf('email:twice');
    expect(twice.email_status).toBe('pending');
    await Promise.all([handleDirectly(twice.id), handleDirectly(twice.id)]);
    await handleDirectly(twice.id);
    expect(await smtp.waitFor(1, 'mot-lan@example.vn')).toHaveLength(1);
    expect(attemptsFor('mot-lan@example.vn')).toBe(1);
    expect((await notificationOf('email:twice')).email_status).toBe('sent');
  });

  it('an enrolment approved or rejected: the learner is told, in-app and by email, with the class title', async () => {
    await withEmail('hv.minhxuan.1', 'mai@example.vn');
    await withEmail('hv.minhxuan.2', 'khanh@example.vn');
    const theClass = await createClass(t, schoolAdmin, {
      courseId,
      orgUnitId: tuyenQuang,
      mode: 'online',
      title: 'Lớp đối tượng kết nạp Đảng',
      enrollmentPolicy: 'approval',
    });
    await openClass(t, schoolAdmin, theClass.id);
    const mai = await loginAs(t, 'hv.minhxuan.1');
    const khanh = await loginAs(t, 'hv.minhxuan.2');
    const a = await t.http().post(`/api/v1/classes/${theClass.id}/enroll`).set(mai).expect(201);
    const b = await t.http().post(`/api/v1/classes/${theClass.id}/enroll`).set(khanh).expect(201);
    await t.http().post(`/api/v1/enrollments/${a.body.id}/approve`).set(schoolAdmin).expect(200);
    await t.http().post(`/api/v1/enrollments/${b.body.id}/reject`).set(schoolAdmin).expect(200);

    const [approved] = await smtp.waitFor(1, 'mai@example.vn');
    expect(approved.subject).toBe('Yêu cầu ghi danh đã được duyệt');
    expect(approved.text).toContain('Lớp đối tượng kết nạp Đảng');
    expect(approved.text).toContain(`/classes/${theClass.id}`);
    const [rejected] = await smtp.waitFor(1, 'khanh@example.vn');
    expect(rejected.subject).toBe('Yêu cầu ghi danh bị từ chối');
    expect(rejected.html).toContain('Lớp đối tượng kết nạp Đảng');
    expect((await inbox(mai)).items).toMatchObject([{ kind: 'enrollment.approved', link: { type: 'class' } }]);
    expect((await inbox(khanh)).items).toMatchObject([
      { kind: 'enrollment.rejected', link: { type: 'enrollment', id: b.body.id } },
    ]);
  });

  it('an attempt graded by an instructor is news to the learner; one graded automatically is not', async () => {
    await withEmail('hv.minhxuan.3', 'tuan@example.vn');
    const instructor = await loginAs(t, 'gv.tuyenquang');
    const learner = await loginAs(t, 'hv.minhxuan.3');
    const { id: classId } = await openClassWithLearners(
      t,
      schoolAdmin,
      { courseId, orgUnitId: tuyenQuang, title: 'Lớp có bài tự luận' },
      ['hv.minhxuan.3'],
    );
    const bank: { id: string; type: string; correct: string }[] = (
      await t.http().get(`/api/v1/courses/${courseId}/questions?limit=200`).set(instructor).expect(200)
    ).body.items;
    const choice = bank.find((q) => q.type === 'single_choice')!;
    const essay = bank.find((q) => q.type === 'essay')!;
    const sit = async (questions: typeof bank, title: string) => {
      const exam = await openExam(t, instructor, classId, { title, questionIds: questions.map((q) => q.id) });
      const started = await t.http().post(`/api/v1/exams/${exam.id}/attempts`).set(learner).expect(201);
      await t
        .http()
        .put(`/api/v1/attempts/${started.body.id}/answers`)
        .set(learner)
        .send({
          answers: questions.map((q) => ({ questionId: q.id, value: q.type === 'essay' ? 'Bài viết' : q.correct })),
        })
        .expect(200);
      await t.http().post(`/api/v1/attempts/${started.body.id}/submit`).set(learner).expect(202);
      return started.body.id as string;
    };
    const status = (id: string, wanted: string) =>
      eventually(async () => {
        const res = await t.http().get(`/api/v1/attempts/${id}`).set(learner);
        return res.body.status === wanted ? res.body : null;
      });

    const automatic = await sit([choice], 'Kiểm tra trắc nghiệm');
    await status(automatic, 'graded');
    const manual = await sit([choice, essay], 'Kiểm tra tự luận');
    await status(manual, 'needs_manual_grading');
    await t
      .http()
      .post(`/api/v1/attempts/${manual}/grades`)
      .set(instructor)
      .send({ questionId: essay.id, points: 1 })
      .expect(200);

    const [mail] = await smtp.waitFor(1, 'tuan@example.vn');
    expect(mail.subject).toBe('Bài làm đã được chấm');
    expect(mail.text).toContain('Kiểm tra tự luận');
    expect(mail.text).toContain(`/attempts/${manual}`);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox_events
        WHERE subscriber = 'notifications.on-attempt.graded' AND payload->>'attemptId' = $1 AND status = 'done'`,
      [automatic],
    );
    expect(n).toBe(1);
    expect((await inbox(learner)).items).toMatchObject([
      { kind: 'attempt.graded', link: { type: 'attempt', id: manual } },
    ]);
  });
});
