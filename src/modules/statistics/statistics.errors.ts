import { validationProblem } from '../../common/validation';

export const unitOrCluster = () =>
  validationProblem([{ field: 'orgUnitId', message: 'cần orgUnitId hoặc clusterId (chỉ một trong hai)' }]);

export const periodReversed = () => validationProblem([{ field: 'to', message: 'không được trước ngày from' }]);

export const clusterUnitsUnknown = () =>
  validationProblem([{ field: 'orgUnitIds', message: 'có đơn vị không tồn tại' }]);

export const planProgramTwice = () =>
  validationProblem([{ field: 'items.programId', message: 'mỗi chương trình chỉ một dòng kế hoạch' }]);

export const planProgramUnknown = () =>
  validationProblem([{ field: 'items.programId', message: 'có chương trình không tồn tại' }]);
