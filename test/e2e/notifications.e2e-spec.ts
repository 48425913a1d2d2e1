import { NotificationsService } from '../../src/modules/notifications/notifications.service';
import { Headers, loginAs, userId } from '../support/actors';
import { TestApp, useTestApp } from '../support/test-app';

describe('notifications: a person’s own list, read marks and email preferences', () => {
  const app = useTestApp();
  let t: TestApp;
  let learner: Headers;
  let other: Headers;

  const notify = async (username: string, n: number, key: string) => {
    const id = await userId(t, username);
    const service = t.app.get(NotificationsService);
    return t.dataSource.transaction((em) =>
      service.notify(
        em,
        Array.from({ length: n }, (_, i) => ({
          userId: id,
          kind: 'certificate.issued' as const,
          title: `Giấy chứng nhận số ${i + 1} đã được cấp`,
          body: 'Bạn có thể tải giấy chứng nhận tại mục Giấy chứng nhận.',
          link: { type: 'certificate' as const, id: '00000000-0000-4000-8000-00000000000' + (i % 10) },
          dedupeKey: `${key}:${i}`,
        })),
      ),
    );
  };

  beforeAll(async () => {
    t = app();
    learner = await loginAs(t, 'hv.minhxuan.1');
    other = await loginAs(t, 'hv.minhxuan.2');
  });

  it('lists newest first with the unread count; the same dedupe key twice is one notification', async () => {
    expect(await notify('hv.minhxuan.1', 3, 'lan-1')).toBe(3);
    expect(await notify('hv.minhxuan.1', 3, 'lan-1')).toBe(0);
    const res = await t.http().get('/api/v1/me/notifications').set(learner).expect(200);
    expect(res.body.unreadCount).toBe(3);
    const items: { title: string; createdAt: string }[] = res.body.items;
    expect(items.map((n) => n.title).sort()).toEqual([1, 2, 3].map((n) => `Giấy chứng nhận số ${n} đã được cấp`));
    for (let i = 1; i < items.length; i++) expect(items[i - 1].createdAt >= items[i].createdAt).toBe(true);
    expect(res.body.items[0]).toMatchObject({ kind: 'certificate.issued', readAt: null, email: 'off' });
    const none = await t.http().get('/api/v1/me/notifications').set(other).expect(200);
    expect(none.body).toMatchObject({ items: [], unreadCount: 0 });
  });

  it('marks one read (only the owner may), then all; the unread filter follows', async () => {
    const [first] = (await t.http().get('/api/v1/me/notifications').set(learner).expect(200)).body.items;
    await t.http().post(`/api/v1/me/notifications/${first.id}/read`).set(other).expect(404);
    const read = await t.http().post(`/api/v1/me/notifications/${first.id}/read`).set(learner).expect(200);
    expect(read.body.readAt).not.toBeNull();
    const again = await t.http().post(`/api/v1/me/notifications/${first.id}/read`).set(learner).expect(200);
    expect(again.body.readAt).toBe(read.body.readAt);
    const unread = await t.http().get('/api/v1/me/notifications?unread=true').set(learner).expect(200);
    expect(unread.body.items).toHaveLength(2);
    expect(unread.body.unreadCount).toBe(2);
    const all = await t.http().post('/api/v1/me/notifications/read-all').set(learner).expect(200);
    expect(all.body).toEqual({ marked: 2 });
    expect((await t.http().get('/api/v1/me/notifications').set(learner).expect(200)).body.unreadCount).toBe(0);
    await t.http().get('/api/v1/me/notifications?unread=maybe').set(learner).expect(400);
    await t.http().post('/api/v1/me/notifications/not-a-uuid/read').set(learner).expect(400);
  });

  it('keeps email preferences per kind; in-app stays on; bad kinds are refused naming the field', async () => {
    const before = await t.http().get('/api/v1/me/notification-preferences').set(learner).expect(200);
    expect(before.body.emailEnabled).toBe(false);
    expect(before.body.kinds.find((k: { kind: string }) => k.kind === 'session.reminder')).toMatchObject({
      inApp: true,
      email: true,
      label: 'Nhắc lịch buổi học',
    });
    const saved = await t
      .http()
      .patch('/api/v1/me/notification-preferences')
      .set(learner)
      .send({ kinds: [{ kind: 'session.reminder', email: false }] })
      .expect(200);
    expect(saved.body.kinds.find((k: { kind: string }) => k.kind === 'session.reminder').email).toBe(false);
    expect(saved.body.kinds.find((k: { kind: string }) => k.kind === 'exam.closing').email).toBe(true);
    const bad = await t
      .http()
      .patch('/api/v1/me/notification-preferences')
      .set(learner)
      .send({ kinds: [{ kind: 'spam', email: 'yes' }] })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['kinds[0].email', 'kinds[0].kind']);
    const otherPrefs = await t.http().get('/api/v1/me/notification-preferences').set(other).expect(200);
    expect(otherPrefs.body.kinds.every((k: { email: boolean }) => k.email)).toBe(true);
  });
});
