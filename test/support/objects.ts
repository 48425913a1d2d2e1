import type { Headers } from './actors';
import { referenceCourseId, unitId } from './actors';
import { openClassWithLearners } from './classes';
import { openExam } from './exams';
import type { TestApp } from './test-app';

const HOUR = 3_600_000;

/**
 * One object of each kind a route's `{id}` can name, by the path segment before it
 * (`/classes/{id}/…` → classes), for specs that walk openapi.json: an open class of the reference
 * course in TCT-TUYENQUANG with the learner `hv.minhxuan.1` enrolled, a session tomorrow with a
 * bridge point, an exam with the learner's attempt, a webhook, and the outbox rows they made.
 */
export async function objectsOfEachKind(t: TestApp, admin: Headers, learner: Headers): Promise<Record<string, string>> {
  const courseId = await referenceCourseId(t);
  const orgUnitId = await unitId(t, 'TCT-TUYENQUANG');
  const opened = await openClassWithLearners(t, admin, { courseId, orgUnitId }, ['hv.minhxuan.1']);
  await t
    .http()
    .post(`/api/v1/classes/${opened.id}/sessions`)
    .set(admin)
    .send({
      startsAt: new Date(Date.now() + 24 * HOUR).toISOString(),
      endsAt: new Date(Date.now() + 26 * HOUR).toISOString(),
      lessonIds: [],
      bridgePoints: [{ name: 'Điểm cầu Minh Xuân' }],
    })
    .expect(201);
  const [question] = (await t.http().get(`/api/v1/courses/${courseId}/questions`).set(admin).expect(200)).body.items;
  const exam = await openExam(t, admin, opened.id, { questionIds: [question.id] });
  await t.http().post(`/api/v1/exams/${exam.id}/attempts`).set(learner).expect(201);
  await t
    .http()
    .post('/api/v1/webhooks')
    .set(admin)
    .send({ url: 'http://127.0.0.1:9/lyluan', events: ['certificate.issued'], orgUnitId })
    .expect(201);
  const one = async (sql: string, params: unknown[] = []) => (await t.dataSource.query(sql, params))[0].id;
  return {
    'org-units': orgUnitId,
    users: await one(`SELECT id FROM users WHERE username = 'hv.minhxuan.1'`),
    programs: await one(`SELECT program_id AS id FROM courses WHERE id = $1`, [courseId]),
    courses: courseId,
    lessons: await one(`SELECT id FROM lessons WHERE course_id = $1 ORDER BY position LIMIT 1`, [courseId]),
    questions: question.id,
    classes: opened.id,
    sessions: await one(`SELECT id FROM class_sessions WHERE class_id = $1`, [opened.id]),
    'bridge-points': await one(
      `SELECT b.id FROM bridge_points b JOIN class_sessions s ON s.id = b.session_id WHERE s.class_id = $1`,
      [opened.id],
    ),
    enrollments: await one(`SELECT id FROM enrollments WHERE class_id = $1`, [opened.id]),
    exams: exam.id,
    attempts: await one(`SELECT id FROM exam_attempts WHERE exam_id = $1`, [exam.id]),
    webhooks: await one(`SELECT id FROM webhooks LIMIT 1`),
    outbox: await one(`SELECT id FROM outbox_events LIMIT 1`),
  };
}
