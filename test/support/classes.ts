import type { Headers } from './actors';
import { userId } from './actors';
import type { TestApp } from './test-app';

export interface ClassFields extends Record<string, unknown> {
  courseId: string;
  orgUnitId: string;
}

/** Creates a class (still planned) through the API and answers its body; unset fields take the values below. */
export async function createClass(t: TestApp, as: Headers, fields: ClassFields) {
  const res = await t
    .http()
    .post('/api/v1/classes')
    .set(as)
    .send({
      code: `L-${Math.random().toString(36).slice(2, 8)}`,
      title: 'Lớp bồi dưỡng nhận thức về Đảng',
      startsOn: '2026-11-01',
      endsOn: '2026-12-31',
      mode: 'in_person',
      enrollmentPolicy: 'closed',
      ...fields,
    })
    .expect(201);
  return res.body;
}

/** Opens a planned class for enrolment. */
export async function openClass(t: TestApp, as: Headers, classId: string): Promise<void> {
  await t.http().patch(`/api/v1/classes/${classId}`).set(as).send({ status: 'open' }).expect(200);
}

/** Enrols seeded people by username, one request each, in order; returns the enrolments made. */
export async function enrol(t: TestApp, as: Headers, classId: string, usernames: string[]) {
  const made = [];
  for (const username of usernames) {
    const res = await t
      .http()
      .post(`/api/v1/classes/${classId}/enrollments`)
      .set(as)
      .send({ userId: await userId(t, username) })
      .expect(201);
    made.push(res.body);
  }
  return made;
}

/** A class created, opened and with the given learners enrolled: the start of most class stories. */
export async function openClassWithLearners(t: TestApp, as: Headers, fields: ClassFields, learners: string[]) {
  const created = await createClass(t, as, fields);
  await openClass(t, as, created.id);
  await enrol(t, as, created.id, learners);
  return created;
}
