import { HttpStatus } from '@nestjs/common';
import { conflict, ProblemException } from '../../common/problem';
import type { Course } from './entities/course.entity';
import type { PackageProblem } from './package/course-package';

/** 409: published and archived curricula do not change; a new version does. */
export function courseNotDraft(course: Pick<Course, 'id' | 'status'>): ProblemException {
  return conflict(
    'course_not_draft',
    `Khóa học đang ở trạng thái "${course.status}": chỉ bản nháp được sửa. Hãy tạo phiên bản mới (POST /courses/${course.id}/versions).`,
  );
}

/** 409: a course is published only with at least one lesson. */
export function courseHasNoLessons(): ProblemException {
  return conflict('course_has_no_lessons', 'Khóa học chưa có bài học nào: chưa thể ban hành.');
}

/** 409: an archived course is not archived again. */
export function courseArchived(): ProblemException {
  return conflict('course_archived', 'Khóa học đã được lưu trữ.');
}

/** 409: a unit has one course per programme and version. */
export function courseVersionExists(version: string): ProblemException {
  return conflict('course_version_exists', `Đơn vị đã có phiên bản "${version}" của chương trình này.`);
}

/** 409: programme codes are unique, whatever their case. */
export function programCodeTaken(code: string): ProblemException {
  return conflict('program_code_taken', `Mã chương trình "${code}" đã được dùng.`);
}

/** 403: the caller authors curricula in no unit. */
export function curriculaWriteForbidden(): ProblemException {
  return new ProblemException(HttpStatus.FORBIDDEN, { detail: 'Bạn không có quyền soạn chương trình.' });
}

/** 415: attachments are judged by their bytes, not their names. */
export function attachmentTypeUnsupported(accepted: string[]): ProblemException {
  return new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, {
    code: 'attachment_type_unsupported',
    detail: `Nội dung tệp không thuộc kiểu được nhận (${accepted.join(', ')}); kiểu được xét theo nội dung, không theo tên tệp.`,
  });
}

/** 410: the row exists but the storage lost its bytes. */
export function attachmentFileMissing(): ProblemException {
  return new ProblemException(HttpStatus.GONE, {
    code: 'attachment_file_missing',
    detail: 'Tệp đính kèm không còn trong kho lưu trữ; hãy báo quản trị hệ thống.',
  });
}

/** 422: an invalid package creates nothing; every problem is listed. */
export function coursePackageInvalid(problems: PackageProblem[]): ProblemException {
  return new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, {
    code: 'course_package_invalid',
    detail: `Gói khóa học có ${problems.length} lỗi; chưa có gì được tạo.`,
    errors: problems.map((p) => ({ field: p.path, ...p })),
  });
}

/** 413: the zip unpacks beyond the configured limits. */
export function coursePackageTooLarge(problems: PackageProblem[]): ProblemException {
  return new ProblemException(HttpStatus.PAYLOAD_TOO_LARGE, {
    code: 'course_package_too_large',
    detail: 'Gói khóa học vượt giới hạn số tệp hoặc dung lượng khi giải nén.',
    errors: problems.map((p) => ({ field: p.path, ...p })),
  });
}

/** For the manual (`@ApiProblems`): how a change to a published or archived course is refused. */
export const NOT_DRAFT_COURSE = {
  problem: courseNotDraft({ id: '3f2b8c1e-5d4a-4e7b-9c61-0a8d2e4f7b19', status: 'published' }),
  when: 'the course is published or archived: make a new version',
};
