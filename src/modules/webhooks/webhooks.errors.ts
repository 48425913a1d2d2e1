import { notFound, ProblemException } from '../../common/problem';
import { validationProblem } from '../../common/validation';

export const webhookNotFound = (): ProblemException =>
  notFound('Không tìm thấy webhook hoặc bạn không có quyền quản lý.');

export const unsafeWebhookUrl = (reason: string): ProblemException =>
  validationProblem([{ field: 'url', message: reason }]);

export const ownerUnitRequired = (): ProblemException =>
  validationProblem([{ field: 'orgUnitId', message: 'bạn quản lý webhook ở nhiều đơn vị: hãy chọn đơn vị sở hữu' }]);
