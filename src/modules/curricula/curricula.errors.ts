import { conflict, ProblemException } from '../../common/problem';
import type { Course } from './entities/course.entity';

/** 409: published and archived curricula do not change; a new version does. */
export function courseNotDraft(course: Pick<Course, 'id' | 'status'>): ProblemException {
  return conflict(
    'course_not_draft',
    `Khóa học đang ở trạng thái "${course.status}": chỉ bản nháp được sửa. Hãy tạo phiên bản mới (POST /courses/${course.id}/versions).`,
  );
}
