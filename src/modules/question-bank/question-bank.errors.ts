import { HttpStatus } from '@nestjs/common';
import { ProblemException } from '../../common/problem';

/** 422: an import file with problems; nothing of it was imported. */
export function bankRefused(errors: { line: number; path?: string; message: string }[]): ProblemException {
  return new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, {
    code: 'question_bank_invalid',
    detail: `Tệp câu hỏi có ${errors.length} lỗi; chưa câu hỏi nào được nhập.`,
    errors: errors.map((e) => ({ field: e.path ? `line ${e.line}: ${e.path}` : `line ${e.line}`, ...e })),
  });
}
