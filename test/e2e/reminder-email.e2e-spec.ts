import { RemindersService } from '../../src/modules/reminders/reminders.service';
import { loginAs, referenceCourseId, unitId } from '../support/actors';
import { openClassWithLearners } from '../support/classes';
import { SmtpSink, startSmtpSink } from '../support/smtp';
import { dropTestResources, eventually, startTestApp, TestApp } from '../support/test-app';

const HOUR = 3_600_000;
const LEARNERS = ['hv.minhxuan.1', 'hv.minhxuan.2', 'hv.minhxuan.3'];
const TITLE = 'Bồi dưỡng lý luận chính trị cho đảng viên mới khóa 4';

/** `07:30 ngày 03/12/2026` as a learner in Hồ Chí Minh City reads it. */
const wallClock = (at: Date) => {
  const part = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', ...options }).format(at);
  return `${part({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })} ngày ${part({ day: '2-digit', month: '2-digit', year: 'numeric' })}`;
};

describe('a session 24 h ahead: one in-app notification and one email per learner, through a real SMTP server', () => {
  let smtp: SmtpSink;
  let t: TestApp;
  let env: Record<string, string>;
  let sessionId: string;
  let startsAt: Date;

  const scan = (app: TestApp, now: Date) =>
    app.dataSource.transaction((em) => app.app.get(RemindersService).scan(em, now));
  const settled = (app: TestApp) =>
    eventually(async () => {
      const [{ n }] = await app.dataSource.query(
        `SELECT count(*)::int AS n FROM outbox_events
          WHERE topic IN ('reminder.due', 'notification.email_due') AND status <> 'done'`,
      );
      return n === 0;
    });
  const reminders = () =>
    t.dataSource.query(
      `SELECT u.username, n.email_status FROM notifications n JOIN users u ON u.id = n.user_id
        WHERE n.kind = 'session.reminder' AND n.link_id = $1 ORDER BY u.username`,
      [sessionId],
    );

  beforeAll(async () => {
    smtp = await startSmtpSink();
    env = { SMTP_URL: smtp.url, NOTIFY_QUIET_HOURS_START: '00:00', NOTIFY_QUIET_HOURS_END: '00:00' };
    t = await startTestApp({ env });
    await t.dataSource.query(`UPDATE users SET email = username || '@example.vn' WHERE username = ANY($1)`, [LEARNERS]);
    const schoolAdmin = await loginAs(t, 'qtv.tuyenquang');
    const theClass = await openClassWithLearners(
      t,
      schoolAdmin,
      { courseId: await referenceCourseId(t), orgUnitId: await unitId(t, 'TCT-TUYENQUANG'), title: TITLE },
      LEARNERS,
    );
    // The third learner wants session reminders in-app only.
    await t
      .http()
      .patch('/api/v1/me/notification-preferences')
      .set(await loginAs(t, LEARNERS[2]))
      .send({ kinds: [{ kind: 'session.reminder', email: false }] })
      .expect(200);
    startsAt = new Date(Math.floor((Date.now() + 24 * HOUR) / 60_000) * 60_000);
    const session = await t
      .http()
      .post(`/api/v1/classes/${theClass.id}/sessions`)
      .set(schoolAdmin)
      .send({
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 2 * HOUR).toISOString(),
        lessonIds: [],
        location: 'Hội trường Trung tâm Chính trị',
      })
      .expect(201);
    sessionId = session.body.id;
  });

  afterAll(async () => {
    await t.close();
    await dropTestResources(t.env, t.database);
    await smtp.close();
  });

  it('sends each learner one in-app notification, and one email unless they turned it off', async () => {
    await scan(t, new Date(startsAt.getTime() - 24 * HOUR));
    await settled(t);
    const mails = await smtp.waitFor(2);
    expect(await reminders()).toEqual([
      { username: LEARNERS[0], email_status: 'sent' },
      { username: LEARNERS[1], email_status: 'sent' },
      { username: LEARNERS[2], email_status: 'off' },
    ]);
    expect(mails.map((m) => m.to && [m.to].flat()[0].value[0].address).sort()).toEqual(
      LEARNERS.slice(0, 2).map((u) => `${u}@example.vn`),
    );
    for (const mail of mails) {
      expect(mail.subject).toContain(TITLE);
      expect(mail.text).toContain(TITLE);
      expect(mail.text).toContain(wallClock(startsAt));
      expect(mail.html).toContain(wallClock(startsAt));
    }
    const inApp = await t
      .http()
      .get('/api/v1/me/notifications')
      .set(await loginAs(t, LEARNERS[2]))
      .expect(200);
    expect(inApp.body.items.filter((n: { kind: string }) => n.kind === 'session.reminder')).toHaveLength(1);
  });

  it('adds nothing when the scan runs again, or after the worker restarts and scans again', async () => {
    await scan(t, new Date(startsAt.getTime() - 24 * HOUR + 60_000));
    await settled(t);
    await t.close();
    // A new process on the same database and queues: what was done stays done.
    t = await startTestApp({ env, database: t.database });
    await scan(t, new Date(startsAt.getTime() - 24 * HOUR + 120_000));
    await settled(t);
    expect(await reminders()).toHaveLength(3);
    expect(smtp.messages).toHaveLength(2);
  });
});

describe('quiet hours: a reminder due at 22:30 class time is in-app at once and emailed at 07:00', () => {
  let smtp: SmtpSink;
  let t: TestApp;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await startTestApp({ env: { SMTP_URL: smtp.url } });
    await t.dataSource.query(`UPDATE users SET email = 'hv1@example.vn' WHERE username = $1`, [LEARNERS[0]]);
  });

  afterAll(async () => {
    await t.close();
    await dropTestResources(t.env, t.database);
    await smtp.close();
  });

  it('holds the email on the outbox until 07:00, then sends it', async () => {
    const schoolAdmin = await loginAs(t, 'qtv.tuyenquang');
    const theClass = await openClassWithLearners(
      t,
      schoolAdmin,
      { courseId: await referenceCourseId(t), orgUnitId: await unitId(t, 'TCT-TUYENQUANG'), title: TITLE },
      LEARNERS.slice(0, 1),
    );
    // The clock of the test: 22:30 in Hồ Chí Minh City, a session at 22:30 the next day.
    const now = new Date('2026-12-20T22:30:00+07:00');
    const startsAt = new Date(now.getTime() + 24 * HOUR);
    const session = await t
      .http()
      .post(`/api/v1/classes/${theClass.id}/sessions`)
      .set(schoolAdmin)
      .send({
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + HOUR).toISOString(),
        lessonIds: [],
      })
      .expect(201);
    await t.dataSource.transaction((em) => t.app.get(RemindersService).scan(em, now));
    const [reminder] = await eventually(async () => {
      const rows = await t.dataSource.query(
        `SELECT id, created_at, email_status, email_due_at FROM notifications WHERE link_id = $1`,
        [session.body.id],
      );
      return rows.length ? rows : null;
    });
    expect(reminder.email_status).toBe('pending');
    expect(reminder.email_due_at).toEqual(new Date('2026-12-21T07:00:00+07:00'));
    const [held] = await t.dataSource.query(
      `SELECT available_at, status FROM outbox_events WHERE topic = 'notification.email_due' AND payload->>'notificationId' = $1`,
      [reminder.id],
    );
    expect(held).toEqual({ available_at: new Date('2026-12-21T07:00:00+07:00'), status: 'pending' });
    expect(smtp.messages).toHaveLength(0);
    // 07:00 comes: the relay sends it.
    await t.dataSource.query(
      `UPDATE outbox_events SET available_at = now() WHERE topic = 'notification.email_due' AND payload->>'notificationId' = $1`,
      [reminder.id],
    );
    const [mail] = await smtp.waitFor(1);
    expect(mail.subject).toContain(TITLE);
  });
});
