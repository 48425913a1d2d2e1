import { GradingService } from '../../src/modules/exams/grading.service';
import { ServiceTier, useServiceTier } from '../support/service-tier';

describe('grading: a batch of submitted attempts, their pass mark and the final score', () => {
  const tier = useServiceTier();
  let s: ServiceTier;
  let courseId: string;
  let classId: string;
  let questions: string[];

  const gradeSubmitted = (attemptIds: string[]) =>
    s.transaction((em) =>
      s.get(GradingService).onSubmitted(
        attemptIds.map((attemptId) => ({ attemptId })),
        s.job(em),
      ),
    );
  const attempt = async (id: string) =>
    (
      await s.query<{ status: string; score10: number | null; passed: boolean | null; classification: string | null }>(
        `SELECT status, score10::float8 AS score10, passed, classification FROM exam_attempts WHERE id = $1`,
        [id],
      )
    )[0];
  const finalScore = async (enrollmentId: string) =>
    (
      await s.query<{ final_score: number | null }>(
        `SELECT final_score::float8 AS final_score FROM enrollments WHERE id = $1`,
        [enrollmentId],
      )
    )[0].final_score;

  beforeAll(async () => {
    s = tier();
    ({ id: courseId } = await s.factory.course());
    classId = await s.factory.trainingClass({ courseId });
    questions = [await s.factory.question(courseId), await s.factory.question(courseId)];
  });

  it('grades every submitted attempt of a batch and says whether each passed the exam’s mark', async () => {
    const examId = await s.factory.exam({ classId, questionIds: questions, passMark: 7 });
    const [q1, q2] = questions;
    const sat = [];
    for (const [username, answers] of [
      ['hv.minhxuan.1', { [q1]: 'a', [q2]: 'a' }],
      ['hv.minhxuan.2', { [q1]: 'a', [q2]: 'b' }],
      ['hv.minhxuan.3', { [q1]: 'b', [q2]: 'b' }],
    ] as const) {
      const enrollment = await s.factory.enrollment(classId, username);
      sat.push(await s.factory.submittedAttempt({ examId, enrollment, answers }));
    }
    await gradeSubmitted(sat);

    expect(await attempt(sat[0])).toEqual({ status: 'graded', score10: 10, passed: true, classification: 'xuat_sac' });
    expect(await attempt(sat[1])).toEqual({
      status: 'graded',
      score10: 5,
      passed: false,
      classification: 'trung_binh',
    });
    expect(await attempt(sat[2])).toEqual({ status: 'graded', score10: 0, passed: false, classification: 'khong_dat' });
    const [{ n }] = await s.query<{ n: number }>(
      `SELECT count(DISTINCT event_id)::int AS n FROM outbox_events WHERE topic = 'attempt.graded' AND payload->>'examId' = $1`,
      [examId],
    );
    expect(n).toBe(3);
  });

  it('grades an attempt once: a repeated batch changes nothing', async () => {
    const otherClass = await s.factory.trainingClass({ courseId });
    const examId = await s.factory.exam({ classId: otherClass, questionIds: questions, passMark: 5 });
    const enrollment = await s.factory.enrollment(otherClass, 'hv.minhxuan.1');
    const id = await s.factory.submittedAttempt({ examId, enrollment, answers: { [questions[0]]: 'a' } });
    await gradeSubmitted([id]);
    await gradeSubmitted([id]);
    expect(await attempt(id)).toMatchObject({ status: 'graded', score10: 10, passed: true });
    const [{ n }] = await s.query<{ n: number }>(
      `SELECT count(DISTINCT event_id)::int AS n FROM outbox_events WHERE topic = 'attempt.graded' AND payload->>'attemptId' = $1`,
      [id],
    );
    expect(n).toBe(1);
  });

  it.each([
    ['highest', 10],
    ['last', 5],
  ] as const)('takes the final exam’s %s result as the enrolment’s final score', async (gradingPolicy, expected) => {
    const otherClass = await s.factory.trainingClass({ courseId });
    const examId = await s.factory.exam({ classId: otherClass, questionIds: questions, kind: 'final', gradingPolicy });
    const enrollment = await s.factory.enrollment(otherClass, 'hv.minhxuan.1');
    const [q1, q2] = questions;
    const better = await s.factory.submittedAttempt({
      examId,
      enrollment,
      answers: { [q1]: 'a', [q2]: 'a' },
      number: 1,
      submittedMinutesAgo: 30,
    });
    const later = await s.factory.submittedAttempt({
      examId,
      enrollment,
      answers: { [q1]: 'a', [q2]: 'b' },
      number: 2,
      submittedMinutesAgo: 5,
    });
    await gradeSubmitted([better, later]);
    expect(await finalScore(enrollment.id)).toBe(expected);
  });

  it('leaves a quiz out of the final score', async () => {
    const otherClass = await s.factory.trainingClass({ courseId });
    const examId = await s.factory.exam({ classId: otherClass, questionIds: questions, kind: 'quiz' });
    const enrollment = await s.factory.enrollment(otherClass, 'hv.minhxuan.2');
    await gradeSubmitted([await s.factory.submittedAttempt({ examId, enrollment, answers: { [questions[0]]: 'a' } })]);
    expect(await finalScore(enrollment.id)).toBeNull();
  });
});
