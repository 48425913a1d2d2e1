import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DEFAULT_COMPLETION_RULE, DEFAULT_GRADING_SCALE } from '../../src/modules/curricula/course-settings';
import type { CompletionRule } from '../../src/modules/curricula/course-settings';

type Mode = 'in_person' | 'online' | 'hybrid';
type Attendance = 'present' | 'late' | 'excused' | 'absent';

const HOUR = 3_600_000;
const code = () => randomBytes(4).toString('hex');

/**
 * Rows for the service tier, inserted straight into a test database with the defaults a story does
 * not care about. It writes rows as the migrations define them and never goes through a service,
 * so a service under test starts from exactly the state the spec describes.
 */
export class Factory {
  constructor(private readonly db: DataSource) {}

  /** A published course of the seeded programme and unit, with one lesson per entry of `lessons`. */
  async course(
    fields: { completionRule?: Partial<CompletionRule>; lessons?: { mandatory: boolean }[] } = {},
  ): Promise<{ id: string; lessonIds: string[] }> {
    const [{ id }] = await this.db.query(
      `INSERT INTO courses (program_id, org_unit_id, title, version, status, completion_rule, grading_scale, published_at)
       SELECT program_id, org_unit_id, 'Khóa học thử', $1, 'published', $2, $3, now()
         FROM courses WHERE version = '2022'
       RETURNING id`,
      [`thu-${code()}`, { ...DEFAULT_COMPLETION_RULE, ...fields.completionRule }, DEFAULT_GRADING_SCALE],
    );
    const lessonIds: string[] = [];
    for (const [position, lesson] of (fields.lessons ?? []).entries()) {
      const [row] = await this.db.query(
        `INSERT INTO lessons (course_id, position, title, periods, mandatory) VALUES ($1, $2, $3, 2, $4) RETURNING id`,
        [id, position + 1, `Bài ${position + 1}`, lesson.mandatory],
      );
      lessonIds.push(row.id);
    }
    return { id, lessonIds };
  }

  /** An open class of a course in the course's unit. */
  async trainingClass(fields: { courseId: string; mode?: Mode; requireFinalExam?: boolean }): Promise<string> {
    const [{ id }] = await this.db.query(
      `INSERT INTO classes (course_id, org_unit_id, code, title, starts_on, ends_on, mode, enrollment_policy, timezone,
                            status, require_final_exam, opened_at)
       SELECT id, org_unit_id, $2, 'Lớp thử', '2026-11-01', '2026-12-31', $3, 'closed', 'Asia/Ho_Chi_Minh', 'open', $4, now()
         FROM courses WHERE id = $1
       RETURNING id`,
      [fields.courseId, `T-${code()}`, fields.mode ?? 'in_person', fields.requireFinalExam ?? true],
    );
    return id;
  }

  /** A person with no role or password, for stories that need more learners than the demo tree has. */
  async person(fullName: string, dateOfBirth: string | null = null): Promise<string> {
    const username = `nguoi.${code()}`;
    await this.db.query(`INSERT INTO users (username, full_name, date_of_birth) VALUES ($1, $2, $3)`, [
      username,
      fullName,
      dateOfBirth,
    ]);
    return username;
  }

  /** An active enrolment of a seeded person. */
  async enrollment(classId: string, username: string): Promise<{ id: string; userId: string }> {
    const [row] = await this.db.query(
      `INSERT INTO enrollments (class_id, user_id, status, source)
       SELECT $1, id, 'active', 'admin' FROM users WHERE username = $2
       RETURNING id, user_id AS "userId"`,
      [classId, username],
    );
    if (!row) throw new Error(`no user ${username}`);
    return row;
  }

  /** A two-hour session of a class starting `hoursAgo` hours before now (negative: still to come). */
  async session(classId: string, hoursAgo: number): Promise<string> {
    const startsAt = new Date(Date.now() - hoursAgo * HOUR);
    const [{ id }] = await this.db.query(
      `INSERT INTO class_sessions (class_id, starts_at, ends_at, check_in_secret) VALUES ($1, $2, $3, $4) RETURNING id`,
      [classId, startsAt, new Date(startsAt.getTime() + 2 * HOUR), code()],
    );
    return id;
  }

  async attendance(sessionId: string, enrollmentId: string, status: Attendance): Promise<void> {
    await this.db.query(
      `INSERT INTO attendance_records (session_id, enrollment_id, status, source) VALUES ($1, $2, $3, 'instructor')`,
      [sessionId, enrollmentId, status],
    );
  }

  async lessonCompleted(enrollmentId: string, lessonId: string): Promise<void> {
    await this.db.query(`INSERT INTO lesson_progress (enrollment_id, lesson_id) VALUES ($1, $2)`, [
      enrollmentId,
      lessonId,
    ]);
  }

  /** A single-choice question worth `points`, whose right answer is option `a`. */
  async question(courseId: string, points = 1): Promise<string> {
    const [{ id }] = await this.db.query(
      `INSERT INTO questions (course_id, position, type, prompt, options, correct, points)
       VALUES ($1, (SELECT coalesce(max(position), 0) + 1 FROM questions WHERE course_id = $1), 'single_choice',
               'Câu hỏi thử', $2, '"a"', $3)
       RETURNING id`,
      [
        courseId,
        JSON.stringify([
          { key: 'a', text: 'Đúng' },
          { key: 'b', text: 'Sai' },
        ]),
        points,
      ],
    );
    return id;
  }

  /** An open exam of a class over the given questions. */
  async exam(fields: {
    classId: string;
    questionIds: string[];
    kind?: 'quiz' | 'final';
    passMark?: number;
    gradingPolicy?: 'highest' | 'last';
    maxAttempts?: number;
  }): Promise<string> {
    const [{ id }] = await this.db.query(
      `INSERT INTO exams (class_id, title, kind, opens_at, closes_at, time_limit_minutes, max_attempts, pass_mark,
                          question_ids, grading_policy)
       VALUES ($1, 'Kiểm tra thử', $2, now() - interval '1 hour', now() + interval '1 hour', 60, $3, $4, $5, $6)
       RETURNING id`,
      [
        fields.classId,
        fields.kind ?? 'quiz',
        fields.maxAttempts ?? 3,
        fields.passMark ?? 5,
        fields.questionIds,
        fields.gradingPolicy ?? 'highest',
      ],
    );
    return id;
  }

  /**
   * A submitted attempt with its answers: `answers` maps question ids to the chosen key.
   * `submittedMinutesAgo` orders attempts for the `last` policy.
   */
  async submittedAttempt(fields: {
    examId: string;
    enrollment: { id: string; userId: string };
    answers: Record<string, string>;
    number?: number;
    submittedMinutesAgo?: number;
  }): Promise<string> {
    const submittedAt = new Date(Date.now() - (fields.submittedMinutesAgo ?? 0) * 60_000);
    const questionIds = Object.keys(fields.answers);
    const [{ id }] = await this.db.query(
      `INSERT INTO exam_attempts (exam_id, enrollment_id, user_id, number, status, questions, started_at, deadline,
                                  submitted_at, submitted_by, max_score)
       VALUES ($1, $2, $3, $4, 'submitted', $5, $6, $7, $6, 'learner', 0)
       RETURNING id`,
      [
        fields.examId,
        fields.enrollment.id,
        fields.enrollment.userId,
        fields.number ?? 1,
        JSON.stringify(questionIds.map((questionId) => ({ questionId, optionKeys: ['a', 'b'] }))),
        submittedAt,
        new Date(submittedAt.getTime() + HOUR),
      ],
    );
    for (const [questionId, value] of Object.entries(fields.answers)) {
      await this.db.query(`INSERT INTO attempt_answers (attempt_id, question_id, value) VALUES ($1, $2, $3)`, [
        id,
        questionId,
        JSON.stringify(value),
      ]);
    }
    return id;
  }
}
