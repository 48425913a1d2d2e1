import { conflict, ProblemException } from '../../common/problem';
import type { AttemptStatus } from './entities/exam-attempt.entity';
import type { Exam } from './entities/exam.entity';

/** 409: a closed class gets no new exams. */
export function classClosed(): ProblemException {
  return conflict('class_closed', 'Lớp đã kết thúc.');
}

/** 409: a class has one final exam. */
export function finalExamExists(): ProblemException {
  return conflict('final_exam_exists', 'Lớp đã có bài kiểm tra cuối khóa.');
}

/** 409: only an active learner of the class starts an attempt. */
export function enrollmentNotActive(): ProblemException {
  return conflict('enrollment_not_active', 'Bạn không còn là học viên đang học của lớp.');
}

export function examNotOpen(exam: Pick<Exam, 'opensAt'>): ProblemException {
  return conflict('exam_not_open', `Bài kiểm tra mở lúc ${exam.opensAt.toISOString()}.`);
}

export function examClosed(): ProblemException {
  return conflict('exam_closed', 'Bài kiểm tra đã đóng.');
}

export function attemptsExhausted(exam: Pick<Exam, 'maxAttempts'>): ProblemException {
  return conflict('attempts_exhausted', `Đã dùng hết ${exam.maxAttempts} lượt làm bài.`);
}

/** 409: answers are saved only while the attempt is in progress and before its deadline. */
export function attemptClosed(): ProblemException {
  return conflict('attempt_closed', 'Đã hết giờ làm bài hoặc bài đã nộp: không lưu được câu trả lời.');
}

/** 409: essays are graded once the attempt is submitted and auto-graded. */
export function attemptNotGradable(status: AttemptStatus): ProblemException {
  return conflict('attempt_not_gradable', `Lượt làm bài đang ở trạng thái ${status}: chưa chấm được.`);
}
