import { Client } from 'pg';
import { encodeCursor } from '../../src/common/pagination';
import { OutboxService } from '../../src/queue/outbox.service';
import { asAdmin, Headers, loginAs, unitId } from '../support/actors';
import { bacNinhKey, expectInvalid, seedCompletionRows } from '../support/statistics';
import { databaseUrl } from '../support/test-databases';
import { eventually, TestApp, useTestApp } from '../support/test-app';

type Change = { id: string; status: string; finalScore: number | null; orgUnitId: string; certificate: unknown };
type FeedPage = { items: Change[]; nextCursor: string | null; hasMore: boolean };

const WRITERS = 8;
const ROWS_PER_WRITER = 5;

describe('Statistics: the enrolment change feed', () => {
  const app = useTestApp();
  let t: TestApp;
  let admin: Headers;
  let academy: string;
  let tuyenQuang: string;
  let bacNinh: string;

  const read = async (
    query: Record<string, string | number | undefined>,
    headers: Headers | { 'x-api-key': string } = admin,
  ) => (await t.http().get('/api/v1/stats/enrollments').query(query).set(headers).expect(200)).body as FeedPage;

  /** Pages from `cursor` until nothing more is ready; returns what it saw and where it stopped. */
  const drain = async (cursor: string | null, limit = 50) => {
    const seen: Change[] = [];
    for (;;) {
      const page = await read({ orgUnitId: academy, limit, cursor: cursor ?? undefined });
      seen.push(...page.items);
      cursor = page.nextCursor;
      if (!page.hasMore) return { seen, cursor };
    }
  };

  beforeAll(async () => {
    t = app();
    admin = await asAdmin(t);
    academy = await unitId(t, 'HVCTQG');
    tuyenQuang = await unitId(t, 'TCT-TUYENQUANG');
    bacNinh = await unitId(t, 'TCT-BACNINH');
    const programs = (await t.dataSource.query(`SELECT id FROM programs ORDER BY code LIMIT 2`)).map(
      (p: { id: string }) => p.id,
    );
    const units = [
      await unitId(t, 'TTCT-MINHXUAN'),
      await unitId(t, 'CB-MINHXUAN-TDP1'),
      await unitId(t, 'TTCT-KINHBAC'),
      bacNinh,
    ];
    await seedCompletionRows(t, units, programs, 41);
  });

  it('hands every change out exactly once to a reader paging while 8 writers commit out of order', async () => {
    const start = await drain(null);
    const all: { id: string }[] = await t.dataSource.query(`SELECT id FROM enrollments ORDER BY id`);
    expect(start.seen.map((c) => c.id).sort()).toEqual(all.map((r) => r.id));
    expect(new Set(start.seen.map((c) => c.id)).size).toBe(all.length);

    const groups = Array.from({ length: WRITERS }, (_, k) =>
      all.slice(k * ROWS_PER_WRITER, (k + 1) * ROWS_PER_WRITER).map((r) => r.id),
    );
    const writers = await Promise.all(
      groups.map(async () => {
        const client = new Client({ connectionString: databaseUrl(t.database) });
        await client.connect();
        return client;
      }),
    );
    const commits: number[] = [];
    const xids: string[] = [];
    let firstCommitSent = false;
    let writing = true;
    // Writer k takes its transaction id in turn, then holds it open (8 - k) × 100 ms: the last to start commits first.
    const done: Promise<void>[] = [];
    for (const [k, client] of writers.entries()) {
      await client.query('BEGIN');
      await client.query(
        `UPDATE enrollments SET status = 'completed', final_score = $2, classification = 'kha', updated_at = now()
          WHERE id = ANY($1::uuid[])`,
        [groups[k], 7 + k / 10],
      );
      xids.push((await client.query(`SELECT pg_current_xact_id()::text AS xid`)).rows[0].xid);
      done.push(
        (async () => {
          await client.query(`SELECT pg_sleep($1)`, [((WRITERS - k) * 100) / 1000]);
          if (k === 0) firstCommitSent = true;
          await client.query('COMMIT');
          commits.push(k);
        })(),
      );
    }
    const seen: Change[] = [];
    let cursor = start.cursor;
    let reads = 0;
    let seenWhileFirstOpen = 0;
    const reader = (async () => {
      while (writing) {
        const page = await read({ orgUnitId: academy, limit: 7, cursor: cursor ?? undefined });
        reads++;
        // Answered before the oldest writer even sent its COMMIT: read while it was open.
        if (!firstCommitSent) seenWhileFirstOpen += page.items.length;
        seen.push(...page.items);
        cursor = page.nextCursor;
        if (!page.hasMore) await new Promise((r) => setTimeout(r, 20));
      }
    })();
    await Promise.all(done);
    writing = false;
    await reader;
    await Promise.all(writers.map((c) => c.end()));

    expect(commits).toEqual([7, 6, 5, 4, 3, 2, 1, 0]);
    expect(xids.map(BigInt)).toEqual([...xids.map(BigInt)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(reads).toBeGreaterThan(5);
    // The oldest writer's id holds the watermark: nothing newer is handed out before it ends.
    expect(seenWhileFirstOpen).toBe(0);
    const changed = groups.flat();
    await eventually(async () => {
      const more = await drain(cursor, 7);
      seen.push(...more.seen);
      cursor = more.cursor;
      return seen.length >= changed.length;
    });
    expect(seen.map((c) => c.id).sort()).toEqual([...changed].sort());
    expect(new Set(seen.map((c) => c.id)).size).toBe(seen.length);
    for (const [k, group] of groups.entries()) {
      for (const id of group) {
        expect(seen.find((c) => c.id === id)).toMatchObject({ status: 'completed', finalScore: 7 + k / 10 });
      }
    }
    expect((await drain(cursor)).seen).toEqual([]);
  });

  it('hands an enrolment out again when its certificate is issued', async () => {
    const { cursor } = await drain(null);
    const [certificate] = await t.dataSource.query(
      `SELECT id, enrollment_id, user_id, class_id, org_unit_id FROM certificates WHERE status = 'valid' LIMIT 1`,
    );
    await t.dataSource.transaction((em) =>
      t.app.get(OutboxService).publish(em, 'certificate.issued', {
        certificateId: certificate.id,
        enrollmentId: certificate.enrollment_id,
        userId: certificate.user_id,
        classId: certificate.class_id,
        orgUnitId: certificate.org_unit_id,
      }),
    );
    const again = await eventually(async () => {
      const { seen } = await drain(cursor);
      return seen.length > 0 && seen;
    });
    expect(again).toEqual([
      expect.objectContaining({
        id: certificate.enrollment_id,
        certificate: expect.objectContaining({ id: certificate.id, status: 'valid' }),
      }),
    ]);
  });

  it('starts at updatedSince, and shows a unit only its subtree', async () => {
    expect((await read({ orgUnitId: academy, updatedSince: '2999-01-01T00:00:00Z' })).items).toEqual([]);
    const bnKey = await bacNinhKey(t, 'Đồng bộ học viên', ['enrollments:read']);
    const own = await read({ orgUnitId: bacNinh, limit: 200 }, bnKey);
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM enrollments e JOIN classes c ON c.id = e.class_id
         JOIN org_units u ON u.id = c.org_unit_id
        WHERE u.rollup_path <@ (SELECT rollup_path FROM org_units WHERE id = $1)`,
      [bacNinh],
    );
    expect(count).toBeGreaterThan(0);
    expect(own.items).toHaveLength(count);
    await t.http().get('/api/v1/stats/enrollments').query({ orgUnitId: tuyenQuang }).set(bnKey).expect(404);
    await read({ orgUnitId: tuyenQuang }, await loginAs(t, 'thongke.hvctkv1'));
    await read({ orgUnitId: bacNinh }, await loginAs(t, 'qtv.bacninh'));
    await t
      .http()
      .get('/api/v1/stats/enrollments')
      .query({ orgUnitId: bacNinh })
      .set(await loginAs(t, 'qtv.tuyenquang'))
      .expect(404);
  });

  it('refuses a learner and a key without enrollments:read (403)', async () => {
    await t
      .http()
      .get('/api/v1/stats/enrollments')
      .query({ orgUnitId: tuyenQuang })
      .set(await loginAs(t, 'hv.minhxuan.1'))
      .expect(403);
    await t
      .http()
      .get('/api/v1/stats/enrollments')
      .query({ orgUnitId: bacNinh })
      .set(await bacNinhKey(t, 'Chỉ thống kê', ['stats:read']))
      .expect(403);
  });

  it('names the wrong field of a malformed query (400)', async () => {
    const bad = (query: Record<string, string>, field: string) =>
      expectInvalid(t, '/api/v1/stats/enrollments', admin, query, field);
    await bad({}, 'orgUnitId');
    await bad({ orgUnitId: 'abc' }, 'orgUnitId');
    await bad({ orgUnitId: academy, cursor: 'not-a-cursor' }, 'cursor');
    await bad({ orgUnitId: academy, cursor: encodeCursor(['12x', academy]) }, 'cursor');
    await bad({ orgUnitId: academy, cursor: encodeCursor(['12', 'not-a-uuid']) }, 'cursor');
    await bad({ orgUnitId: academy, limit: '0' }, 'limit');
    await bad({ orgUnitId: academy, limit: '201' }, 'limit');
    await bad({ orgUnitId: academy, updatedSince: 'yesterday' }, 'updatedSince');
    await t
      .http()
      .get('/api/v1/stats/enrollments')
      .query({ orgUnitId: '00000000-0000-4000-8000-000000000000' })
      .set(admin)
      .expect(404);
  });
});
