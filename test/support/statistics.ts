import type { DataSource } from 'typeorm';
import { OutboxService } from '../../src/queue/outbox.service';
import { Headers, loginAs, unitId } from './actors';
import type { TestApp } from './test-app';
import { eventually } from './test-app';

const STATUSES = ['completed', 'completed', 'completed', 'failed', 'active', 'pending', 'withdrawn', 'rejected'];

/** A small deterministic generator, so a failing figure can be reproduced. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const classify = (score: number) =>
  score >= 9 ? 'xuat_sac' : score >= 8 ? 'gioi' : score >= 7 ? 'kha' : score >= 5 ? 'trung_binh' : 'khong_dat';

/**
 * Classes at each unit for each programme in 2025 and 2026 (one planned, uncounted), their
 * enrolments in every status and classification, and certificates (valid and revoked), written
 * straight as rows. Nothing is filed until `announce` publishes the classes' events.
 */
export async function seedCompletionRows(
  t: TestApp,
  unitIds: string[],
  programIds: string[],
  seed = 14,
): Promise<string[]> {
  const random = generator(seed);
  const classIds: string[] = [];
  let person = 0;
  const people: { id: string }[] = await t.dataSource.query(
    `INSERT INTO users (username, full_name) SELECT 'tk.' || $1::int || '.' || g, 'Học viên thống kê ' || g
       FROM generate_series(1, 600) g RETURNING id`,
    [seed],
  );
  for (const [u, unitId] of unitIds.entries()) {
    for (const [p, programId] of programIds.entries()) {
      const [course] = await t.dataSource.query(
        `INSERT INTO courses (program_id, org_unit_id, title, version, status, completion_rule, grading_scale, published_at)
         SELECT $1, org_unit_id, 'Khóa thống kê', $2, 'published', completion_rule, grading_scale, now()
           FROM courses WHERE version = '2022' RETURNING id`,
        [programId, `tk-${seed}-${u}-${p}`],
      );
      for (const year of [2025, 2026]) {
        const month = 1 + Math.floor(random() * 11);
        const dayOfMonth = 1 + Math.floor(random() * 28);
        const endsOn = `${year}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
        const status = (u + p + year) % 7 === 0 ? 'planned' : random() < 0.8 ? 'closed' : 'open';
        const [cls] = await t.dataSource.query(
          `INSERT INTO classes (course_id, org_unit_id, code, title, starts_on, ends_on, mode, enrollment_policy, timezone,
                                status, require_final_exam)
           VALUES ($1, $2, $3, 'Lớp thống kê', $4::date - 10, $4, 'in_person', 'closed', 'Asia/Ho_Chi_Minh', $5, true)
           RETURNING id`,
          [course.id, unitId, `TK-${seed}-${u}-${p}-${year}`, endsOn, status],
        );
        classIds.push(cls.id);
        const size = 2 + Math.floor(random() * 6);
        for (let k = 0; k < size; k++) {
          const userId = people[person++].id;
          const enrolment = STATUSES[Math.floor(random() * STATUSES.length)];
          const finalised = enrolment === 'completed' || enrolment === 'failed';
          const score = finalised && random() < 0.85 ? Math.round(random() * 1000) / 100 : null;
          const [e] = await t.dataSource.query(
            `INSERT INTO enrollments (class_id, user_id, status, source, final_score, classification)
             VALUES ($1, $2, $3, 'admin', $4, $5) RETURNING id`,
            [cls.id, userId, enrolment, score, score === null ? null : classify(score)],
          );
          if (enrolment === 'completed' && random() < 0.7) {
            await t.dataSource.query(
              `INSERT INTO certificates (enrollment_id, user_id, program_id, class_id, org_unit_id, status)
               VALUES ($1, $2, $3, $4, $5, $6)`,
              [e.id, userId, programId, cls.id, unitId, random() < 0.8 ? 'valid' : 'revoked'],
            );
          }
        }
      }
    }
  }
  return classIds;
}

/** Publishes `class.changed` for the classes, as editing them would. */
export async function announce(t: TestApp, classIds: string[]): Promise<void> {
  const outbox = t.app.get(OutboxService);
  await t.dataSource.transaction(async (em) => {
    for (const classId of classIds) await outbox.publish(em, 'class.changed', { classId, orgUnitId: '' });
  });
}

/** Waits until every statistics event is handled (none may die). */
export async function statisticsSettled(t: TestApp): Promise<void> {
  await eventually(async () => {
    const [row] = await t.dataSource.query(
      `SELECT count(*) FILTER (WHERE status NOT IN ('done', 'dead'))::int AS open,
              max(last_error) FILTER (WHERE status = 'dead') AS dead
         FROM outbox_events WHERE subscriber LIKE 'statistics.%'`,
    );
    if (row.dead) throw new Error(`a statistics event died: ${row.dead}`);
    return row.open === 0;
  }, 30_000);
}

export type Grouping = 'child' | 'program' | 'month';

/**
 * The completion rows of a unit counted straight from the rows with a plain GROUP BY, in the
 * shape of the API (labels left out): the reference the counters must equal.
 */
export async function plainCompletion(
  db: Pick<DataSource, 'query'>,
  unitId: string,
  groupBy: Grouping | 'total',
  period: { from?: string; to?: string; programId?: string } = {},
): Promise<Record<string, unknown>[]> {
  const key = {
    child: `subpath(u.rollup_path, least(nlevel(r.rollup_path), nlevel(u.rollup_path) - 1), 1)::text::uuid::text`,
    program: 'co.program_id::text',
    month: `to_char(c.ends_on, 'YYYY-MM')`,
    total: `'total'`,
  }[groupBy];
  const rows: Record<string, string | number | null>[] = await db.query(
    `WITH r AS (SELECT rollup_path FROM org_units WHERE id = $1),
     counted AS (
       SELECT ${key} AS key, c.id
         FROM classes c JOIN courses co ON co.id = c.course_id JOIN org_units u ON u.id = c.org_unit_id, r
        WHERE c.status <> 'planned' AND u.rollup_path <@ r.rollup_path
          AND ($2::date IS NULL OR c.ends_on >= $2) AND ($3::date IS NULL OR c.ends_on <= $3)
          AND ($4::uuid IS NULL OR co.program_id = $4))
     SELECT k.key,
            count(DISTINCT k.id)::int AS classes,
            count(e.id) FILTER (WHERE e.status NOT IN ('withdrawn', 'rejected'))::int AS enrolled,
            count(e.id) FILTER (WHERE e.status = 'completed')::int AS completed,
            count(e.id) FILTER (WHERE e.status = 'failed')::int AS failed,
            count(e.id) FILTER (WHERE e.status IN ('active', 'pending'))::int AS "inProgress",
            round(count(e.id) FILTER (WHERE e.status = 'completed')::numeric
                  / nullif(count(e.id) FILTER (WHERE e.status IN ('completed', 'failed')), 0), 4)::float8 AS "passRate",
            round(avg(e.final_score) FILTER (WHERE e.status IN ('completed', 'failed')), 2)::float8 AS "averageScore",
            ${['xuat_sac', 'gioi', 'kha', 'trung_binh', 'khong_dat']
              .map(
                (c) =>
                  `count(e.id) FILTER (WHERE e.status IN ('completed', 'failed') AND e.classification = '${c}')::int AS ${c}`,
              )
              .join(', ')},
            (SELECT count(*) FROM certificates x JOIN counted kk ON kk.id = x.class_id
              WHERE kk.key = k.key AND x.status = 'valid')::int AS "certificatesIssued"
       FROM counted k LEFT JOIN enrollments e ON e.class_id = k.id
      GROUP BY k.key ORDER BY k.key`,
    [unitId, period.from ?? null, period.to ?? null, period.programId ?? null],
  );
  return rows.map(({ xuat_sac, gioi, kha, trung_binh, khong_dat, ...rest }) => ({
    ...rest,
    classification: { xuat_sac, gioi, kha, trung_binh, khong_dat },
  }));
}

/** The API's rows without labels and without the all-zero rows of children that have no classes. */
export function comparable(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  return rows
    .filter((r) => (r.classes as number) > 0)
    .map(({ label: _label, ...rest }) => rest)
    .sort((a, b) => String(a.key).localeCompare(String(b.key)));
}

/** A new commune centre under Tuyên Quang, Tân Trào, to merge into another; returns its id. */
export async function addTanTrao(t: TestApp, admin: Headers): Promise<string> {
  const created = await t
    .http()
    .post('/api/v1/org-units')
    .set(admin)
    .send({
      name: 'Trung tâm Chính trị xã Tân Trào',
      code: 'TTCT-TANTRAO',
      type: 'commune_center',
      parentId: await unitId(t, 'TCT-TUYENQUANG'),
    })
    .expect(201);
  return created.body.id as string;
}

/** An API key of Bắc Ninh with these scopes, made by its school admin, as request headers. */
export async function bacNinhKey(t: TestApp, name: string, scopes: string[]): Promise<{ 'x-api-key': string }> {
  const key = await t
    .http()
    .post('/api/v1/api-keys')
    .set(await loginAs(t, 'qtv.bacninh'))
    .send({ name, orgUnitId: await unitId(t, 'TCT-BACNINH'), scopes })
    .expect(201);
  return { 'x-api-key': key.body.key as string };
}

/** The GET answers 400 as problem+json naming `field`. */
export async function expectInvalid(
  t: TestApp,
  path: string,
  headers: Headers,
  query: Record<string, string>,
  field: string,
): Promise<void> {
  const res = await t.http().get(path).query(query).set(headers).expect(400);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
}

/** Merges the unit into another, effective today. */
export async function mergeToday(t: TestApp, admin: Headers, unitId: string, intoId: string): Promise<void> {
  await t
    .http()
    .post(`/api/v1/org-units/${unitId}/merge`)
    .set(admin)
    .send({ intoId, effectiveFrom: new Date().toISOString().slice(0, 10) })
    .expect(200);
}
