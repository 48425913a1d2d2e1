import { conflict, ProblemException } from '../../common/problem';

/**
 * 409: a closed class takes no more changes. The text says what was refused: editing the class,
 * recording sessions or attendance, or (by default) a seat.
 */
export function classClosed(refused: 'edit' | 'record' | 'seat' = 'seat'): ProblemException {
  const detail = {
    edit: 'Lớp đã kết thúc: không sửa được nữa.',
    record: 'Lớp đã kết thúc: không ghi nhận thêm được.',
    seat: 'Lớp đã kết thúc.',
  }[refused];
  return conflict('class_closed', detail);
}

/** 409: only an open class is closed. */
export const classNotOpen = (status: string): ProblemException =>
  conflict('class_not_open', `Lớp đang ở trạng thái ${status}: chỉ đóng được lớp đang mở.`);

export const courseNotPublished = (): ProblemException =>
  conflict('course_not_published', 'Chỉ mở lớp theo khóa học đã ban hành (published).');

export const classCodeTaken = (code: string): ProblemException =>
  conflict('class_code_taken', `Đơn vị đã có lớp mã "${code}".`);

export const capacityBelowEnrollments = (active: number): ProblemException =>
  conflict('capacity_below_enrollments', `Lớp đang có ${active} học viên: sức chứa không thể nhỏ hơn.`);

export const instructorAlreadyAssigned = (): ProblemException =>
  conflict('instructor_already_assigned', 'Giảng viên đã được phân công cho lớp này.');

/** 409 on self check-in by someone whose enrolment is no longer active. */
export const checkInNotActive = (): ProblemException =>
  conflict('enrollment_not_active', 'Bạn không còn là học viên đang học của lớp.');

export const checkInClosed = (opensMinutesBefore: number): ProblemException =>
  conflict(
    'check_in_closed',
    `Chỉ điểm danh được từ ${opensMinutesBefore} phút trước giờ học đến khi buổi học kết thúc.`,
  );

export const checkInCodeExpired = (): ProblemException =>
  conflict('check_in_code_expired', 'Mã điểm danh đã hết hạn: hãy nhập mã đang hiển thị.');

export const checkInCodeInvalid = (): ProblemException => conflict('check_in_code_invalid', 'Mã điểm danh không đúng.');
