import { notFound, ProblemException } from '../../common/problem';

export const notificationNotFound = (): ProblemException => notFound('Không tìm thấy thông báo.');
