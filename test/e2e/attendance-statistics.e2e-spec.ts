import type { DataSource } from 'typeorm';
import { asAdmin, Headers, loginAs, unitId } from '../support/actors';
import { addTanTrao, expectInvalid, mergeToday, seedCompletionRows } from '../support/statistics';
import { TestApp, useTestApp } from '../support/test-app';

type Row = { key: string; sessions: number; bridgePoints: number; headcount: number; present: number };
const PERIODS: { from?: string; to?: string }[] = [{}, { from: '2025-02-01', to: '2026-03-31' }];
const STATUSES = ['present', 'late', 'excused', 'absent', 'present'];

/**
 * Two to four sessions per class, some still to come, some on a day that differs in UTC and in
 * Hà Nội, with bridge points (a headcount or none) and a record
 * for most enrolments, written straight as rows.
 */
async function seedAttendance(db: DataSource, classIds: string[]): Promise<void> {
  for (const [i, classId] of classIds.entries()) {
    const [cls] = await db.query(`SELECT ends_on::text AS ends_on FROM classes WHERE id = $1`, [classId]);
    const starts = [
      `${cls.ends_on}T01:00:00Z`,
      `${cls.ends_on.slice(0, 8)}01T18:00:00Z`,
      ...(i % 3 === 0 ? [`2099-01-0${1 + (i % 5)}T02:00:00Z`] : []),
    ];
    // 31 January 18:00 UTC is 1 February in Hà Nội: it counts in February and from 1 February on.
    if (i % 4 === 0) starts.push(`${cls.ends_on.slice(0, 4)}-01-31T18:00:00Z`);
    for (const [k, startsAt] of starts.entries()) {
      const [session] = await db.query(
        `INSERT INTO class_sessions (class_id, starts_at, ends_at, check_in_secret)
         VALUES ($1, $2::timestamptz, $2::timestamptz + interval '4 hours', 'bi-mat') RETURNING id`,
        [classId, startsAt],
      );
      const points: { id: string }[] = await db.query(
        `INSERT INTO bridge_points (session_id, name, headcount)
         SELECT $1, 'Điểm cầu ' || g, CASE WHEN g = 2 THEN NULL ELSE 10 * g + $2 END FROM generate_series(1, $3) g
         RETURNING id`,
        [session.id, k, (i + k) % 3],
      );
      await db.query(
        `INSERT INTO attendance_records (session_id, enrollment_id, status, source, bridge_point_id)
         SELECT $1, e.id, ($2::text[])[1 + (row_number() OVER (ORDER BY e.id) + $3) % 5], 'instructor', $4
           FROM enrollments e WHERE e.class_id = $5 ORDER BY e.id OFFSET 1`,
        [session.id, STATUSES, i + k, points[0]?.id ?? null, classId],
      );
    }
  }
}

/** The figures counted straight from the rows, each by its own GROUP BY: the reference. */
async function plainAttendance(
  db: DataSource,
  unitId: string,
  groupBy: 'child' | 'month',
  period: { from?: string; to?: string },
): Promise<Row[]> {
  const key =
    groupBy === 'child'
      ? `subpath(u.rollup_path, least(nlevel(r.rollup_path), nlevel(u.rollup_path) - 1), 1)::text::uuid::text`
      : `to_char(s.starts_at AT TIME ZONE c.timezone, 'YYYY-MM')`;
  const held = `WITH r AS (SELECT rollup_path FROM org_units WHERE id = $1),
    held AS (SELECT s.id, ${key} AS key FROM class_sessions s JOIN classes c ON c.id = s.class_id
               JOIN org_units u ON u.id = c.org_unit_id, r
              WHERE u.rollup_path <@ r.rollup_path AND c.status <> 'planned' AND s.starts_at <= now()
                AND ($2::date IS NULL OR (s.starts_at AT TIME ZONE c.timezone)::date >= $2)
                AND ($3::date IS NULL OR (s.starts_at AT TIME ZONE c.timezone)::date <= $3))`;
  const params = [unitId, period.from ?? null, period.to ?? null];
  const sessions: { key: string; n: number }[] = await db.query(
    `${held} SELECT key, count(*)::int AS n FROM held GROUP BY key`,
    params,
  );
  const points: { key: string; n: number; heads: number }[] = await db.query(
    `${held} SELECT key, count(*)::int AS n, coalesce(sum(b.headcount), 0)::int AS heads
       FROM held JOIN bridge_points b ON b.session_id = held.id GROUP BY key`,
    params,
  );
  const present: { key: string; n: number }[] = await db.query(
    `${held} SELECT key, count(*)::int AS n FROM held JOIN attendance_records a ON a.session_id = held.id
      WHERE a.status IN ('present', 'late') GROUP BY key`,
    params,
  );
  return sessions
    .map((s) => ({
      key: s.key,
      sessions: s.n,
      bridgePoints: points.find((p) => p.key === s.key)?.n ?? 0,
      headcount: points.find((p) => p.key === s.key)?.heads ?? 0,
      present: present.find((p) => p.key === s.key)?.n ?? 0,
    }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

describe('Statistics: attendance', () => {
  const app = useTestApp();
  let t: TestApp;
  let admin: Headers;
  let academy: string;
  let tuyenQuang: string;
  let minhXuan: string;
  let tanTrao: string;

  const attendance = async (query: Record<string, string | undefined>, headers: Headers = admin) =>
    (await t.http().get('/api/v1/stats/attendance').query(query).set(headers).expect(200)).body as {
      rows: (Row & { label: string })[];
      total: Row & { label: string };
    };

  /** Both groupings and every period at the unit equal the plain GROUP BY, and the total their sum. */
  const expectExact = async (unit: string) => {
    for (const period of PERIODS) {
      for (const groupBy of ['child', 'month'] as const) {
        const body = await attendance({ orgUnitId: unit, groupBy, ...period });
        const rows = body.rows
          .filter((r) => r.sessions > 0)
          .map(({ label: _label, ...r }) => r)
          .sort((a, b) => a.key.localeCompare(b.key));
        const expected = await plainAttendance(t.dataSource, unit, groupBy, period);
        expect({ unit, groupBy, period, rows }).toEqual({ unit, groupBy, period, rows: expected });
        const sum = (field: keyof Omit<Row, 'key'>) => expected.reduce((n, r) => n + r[field], 0);
        expect(body.total).toEqual({
          key: 'total',
          label: 'Tổng cộng',
          sessions: sum('sessions'),
          bridgePoints: sum('bridgePoints'),
          headcount: sum('headcount'),
          present: sum('present'),
        });
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
    const programs = (await t.dataSource.query(`SELECT id FROM programs ORDER BY code LIMIT 2`)).map(
      (p: { id: string }) => p.id,
    );
    const units = [tuyenQuang, minhXuan, await unitId(t, 'CB-MINHXUAN-TDP1'), tanTrao, await unitId(t, 'TTCT-KINHBAC')];
    await seedAttendance(t.dataSource, await seedCompletionRows(t, units, programs, 23));
  });

  it('equals a plain GROUP BY at the academy and a province, per child and per month', async () => {
    const [{ held }] = await t.dataSource.query(
      `SELECT count(*)::int AS held FROM class_sessions WHERE starts_at <= now()`,
    );
    expect(held).toBeGreaterThan(20);
    for (const unit of [academy, tuyenQuang]) await expectExact(unit);
    const months = await attendance({ orgUnitId: tuyenQuang, groupBy: 'month' });
    expect(months.rows[0].label).toMatch(/^Tháng \d{2}\/\d{4}$/);
    const children = await attendance({ orgUnitId: tuyenQuang });
    expect(children.rows.map((r) => r.label)).toEqual(
      expect.arrayContaining(['Trung tâm Chính trị xã Tân Trào', 'Trường Chính trị tỉnh Tuyên Quang']),
    );
  });

  it('after a merge, the successor counts the merged centre and the province total stays', async () => {
    const province = (await attendance({ orgUnitId: tuyenQuang })).total;
    const successor = (await attendance({ orgUnitId: minhXuan })).total;
    const merged = (await attendance({ orgUnitId: tanTrao })).total;
    expect(merged.sessions).toBeGreaterThan(0);
    await mergeToday(t, admin, tanTrao, minhXuan);
    const after = (await attendance({ orgUnitId: minhXuan })).total;
    for (const field of ['sessions', 'bridgePoints', 'headcount', 'present'] as const) {
      expect(after[field]).toBe(successor[field] + merged[field]);
    }
    expect((await attendance({ orgUnitId: tuyenQuang })).total).toEqual(province);
    expect((await attendance({ orgUnitId: minhXuan })).rows.find((r) => r.key === tanTrao)).toMatchObject({
      sessions: merged.sessions,
    });
    await expectExact(minhXuan);
  });

  it('lets readers see their subtree only: another unit 404, a learner 403, a bad query 400', async () => {
    const bacNinh = await unitId(t, 'TCT-BACNINH');
    const qtv = await loginAs(t, 'qtv.bacninh');
    const own = await attendance({ orgUnitId: bacNinh }, qtv);
    expect(own.rows.map((r) => r.label)).toEqual(['Trung tâm Chính trị phường Kinh Bắc']);
    await t.http().get('/api/v1/stats/attendance').query({ orgUnitId: tuyenQuang }).set(qtv).expect(404);
    await attendance({ orgUnitId: tuyenQuang }, await loginAs(t, 'thongke.hvctkv1'));
    await t
      .http()
      .get('/api/v1/stats/attendance')
      .query({ orgUnitId: tuyenQuang })
      .set(await loginAs(t, 'hv.minhxuan.1'))
      .expect(403);
    const bad = (query: Record<string, string>, field: string) =>
      expectInvalid(t, '/api/v1/stats/attendance', admin, query, field);
    await bad({}, 'orgUnitId');
    await bad({ orgUnitId: tuyenQuang, groupBy: 'program' }, 'groupBy');
    await bad({ orgUnitId: tuyenQuang, from: '2026-02-30' }, 'from');
    await bad({ orgUnitId: tuyenQuang, from: '2026-03-01', to: '2026-02-01' }, 'to');
    await t
      .http()
      .get('/api/v1/stats/attendance')
      .query({ orgUnitId: '00000000-0000-4000-8000-000000000000' })
      .set(admin)
      .expect(404);
  });
});
