import type { Headers } from './actors';
import type { TestApp } from './test-app';

/**
 * Builds an exam of a class from bank questions through the API, open from a minute ago for an
 * hour, and answers its body; any other field (kind, passMark, gradingPolicy, ...) may be given.
 */
export async function openExam(
  t: TestApp,
  as: Headers,
  classId: string,
  fields: { questionIds: string[] } & Record<string, unknown>,
) {
  const res = await t
    .http()
    .post(`/api/v1/classes/${classId}/exams`)
    .set(as)
    .send({
      title: 'Kiểm tra',
      kind: 'quiz',
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: new Date(Date.now() + 3_600_000).toISOString(),
      timeLimitMinutes: 60,
      maxAttempts: 1,
      passMark: 5,
      shuffle: true,
      gradingPolicy: 'highest',
      ...fields,
    })
    .expect(201);
  return res.body;
}
