import { conflict, notFound, ProblemException } from '../../common/problem';
import type { EnrollmentStatus } from './entities/enrollment.entity';

export const enrollmentClosed = (): ProblemException =>
  conflict('enrollment_closed', 'Lớp không nhận đăng ký trực tiếp: hãy liên hệ cán bộ quản lý đào tạo.');

export const alreadyEnrolled = (status: EnrollmentStatus): ProblemException =>
  conflict('already_enrolled', `Người này đã ghi danh lớp (trạng thái ${status}).`);

export const classFull = (capacity: number): ProblemException =>
  conflict('class_full', `Lớp đã đủ ${capacity} học viên.`);

export const enrollmentNotWithdrawable = (status: EnrollmentStatus): ProblemException =>
  conflict('enrollment_not_withdrawable', `Ghi danh đang ở trạng thái ${status}: không rút được.`);

export const enrollmentNotPending = (status: EnrollmentStatus): ProblemException =>
  conflict('enrollment_not_pending', `Ghi danh đang ở trạng thái ${status}, không chờ duyệt.`);

/** 409: progress is recorded only while the enrolment is active. */
export const enrollmentNotActive = (status: EnrollmentStatus): ProblemException =>
  conflict('enrollment_not_active', `Ghi danh đang ở trạng thái ${status}: không ghi nhận tiến độ.`);

export const personNotFound = (): ProblemException => notFound('Không tìm thấy người này hoặc bạn không có quyền xem.');

export const lessonNotInCourse = (): ProblemException => notFound('Bài học không thuộc khóa học của lớp.');
