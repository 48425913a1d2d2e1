import { ProgressService } from '../../src/modules/enrollments/progress.service';
import { GradingService } from '../../src/modules/exams/grading.service';
import { ServiceTier, useServiceTier } from '../support/service-tier';

type Mode = 'in_person' | 'online' | 'hybrid';

describe('progress: the enrolment summary and its completion verdict', () => {
  const tier = useServiceTier();
  let s: ServiceTier;

  const refresh = (enrollmentId: string) => s.transaction((em) => s.get(ProgressService).refresh(em, enrollmentId));
  const summary = async (enrollmentId: string) =>
    (
      await s.query(
        `SELECT lessons_completed, lessons_total, mandatory_lessons_completed, mandatory_lessons_total,
                attendance_rate::float8 AS attendance_rate, summary_updated_at IS NOT NULL AS summarised
           FROM enrollments WHERE id = $1`,
        [enrollmentId],
      )
    )[0];

  /** One learner in a class of `mode` who attended its one held session and did one of two mandatory lessons. */
  const halfwayThroughLessons = async (mode: Mode, lessonTrackingModes?: Mode[]) => {
    const course = await s.factory.course({
      completionRule: lessonTrackingModes ? { lessonTrackingModes } : {},
      lessons: [{ mandatory: true }, { mandatory: true }],
    });
    const classId = await s.factory.trainingClass({ courseId: course.id, mode, requireFinalExam: false });
    const enrollment = await s.factory.enrollment(classId, 'hv.minhxuan.1');
    await s.factory.attendance(await s.factory.session(classId, 3), enrollment.id, 'present');
    await s.factory.lessonCompleted(enrollment.id, course.lessonIds[0]);
    return enrollment.id;
  };

  beforeAll(() => {
    s = tier();
  });

  it('recomputes the summary from attendance rows and lesson progress', async () => {
    const course = await s.factory.course({
      lessons: [{ mandatory: true }, { mandatory: true }, { mandatory: false }],
    });
    const classId = await s.factory.trainingClass({ courseId: course.id, requireFinalExam: false });
    const enrollment = await s.factory.enrollment(classId, 'hv.minhxuan.1');
    // Held: present, present, late, excused (counts neither way), absent; a session still to come counts not at all.
    for (const [hoursAgo, status] of [
      [50, 'present'],
      [40, 'present'],
      [30, 'late'],
      [20, 'excused'],
      [10, 'absent'],
    ] as const) {
      await s.factory.attendance(await s.factory.session(classId, hoursAgo), enrollment.id, status);
    }
    await s.factory.session(classId, -24);
    await s.factory.lessonCompleted(enrollment.id, course.lessonIds[0]);
    await s.factory.lessonCompleted(enrollment.id, course.lessonIds[2]);

    const verdict = await refresh(enrollment.id);

    expect(await summary(enrollment.id)).toEqual({
      lessons_completed: 2,
      lessons_total: 3,
      mandatory_lessons_completed: 1,
      mandatory_lessons_total: 2,
      attendance_rate: 0.75,
      summarised: true,
    });
    // In a room the sessions are the lessons: only attendance is short.
    expect(verdict).toEqual({ met: false, unmet: ['Chuyên cần 75%, cần tối thiểu 80%.'] });
  });

  it('counts a held session nobody recorded as absent', async () => {
    const course = await s.factory.course();
    const classId = await s.factory.trainingClass({ courseId: course.id, requireFinalExam: false });
    const enrollment = await s.factory.enrollment(classId, 'hv.minhxuan.2');
    await s.factory.attendance(await s.factory.session(classId, 5), enrollment.id, 'present');
    await s.factory.session(classId, 2);
    expect(await refresh(enrollment.id)).toEqual({ met: false, unmet: ['Chuyên cần 50%, cần tối thiểu 80%.'] });
    expect((await summary(enrollment.id)).attendance_rate).toBe(0.5);
  });

  it.each([
    ['in_person', undefined, true],
    ['online', undefined, false],
    ['hybrid', undefined, false],
    ['hybrid', ['online'], true],
  ] as const)(
    'judges mandatory lessons in a %s class (course tracks lessons in %j): met %s',
    async (mode, lessonTrackingModes, met) => {
      const verdict = await refresh(await halfwayThroughLessons(mode, lessonTrackingModes && [...lessonTrackingModes]));
      expect(verdict).toEqual(met ? { met, unmet: [] } : { met, unmet: ['Mới hoàn thành 1/2 bài học bắt buộc.'] });
    },
  );

  it('requires the final exam’s result at the pass mark when the class keeps the requirement', async () => {
    const course = await s.factory.course();
    const classId = await s.factory.trainingClass({ courseId: course.id, requireFinalExam: true });
    const enrollment = await s.factory.enrollment(classId, 'hv.minhxuan.3');
    await s.factory.attendance(await s.factory.session(classId, 3), enrollment.id, 'present');
    expect(await refresh(enrollment.id)).toEqual({
      met: false,
      unmet: ['Chưa có kết quả bài kiểm tra cuối khóa.'],
    });

    const questions = [await s.factory.question(course.id), await s.factory.question(course.id)];
    const examId = await s.factory.exam({ classId, questionIds: questions, kind: 'final' });
    const attemptId = await s.factory.submittedAttempt({
      examId,
      enrollment,
      answers: { [questions[0]]: 'b', [questions[1]]: 'b' },
    });
    await s.transaction((em) => s.get(GradingService).onSubmitted([{ attemptId }], s.job(em)));
    expect(await refresh(enrollment.id)).toEqual({
      met: false,
      unmet: ['Điểm cuối khóa 0.00, cần tối thiểu 5.00.'],
    });

    const retake = await s.factory.submittedAttempt({
      examId,
      enrollment,
      answers: { [questions[0]]: 'a', [questions[1]]: 'b' },
      number: 2,
    });
    await s.transaction((em) => s.get(GradingService).onSubmitted([{ attemptId: retake }], s.job(em)));
    expect(await refresh(enrollment.id)).toEqual({ met: true, unmet: [] });
    const [{ classification }] = await s.query(`SELECT classification FROM enrollments WHERE id = $1`, [enrollment.id]);
    expect(classification).toBe('trung_binh');
  });
});
