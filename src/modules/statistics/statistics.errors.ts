import { validationProblem } from '../../common/validation';

export const unitOrCluster = () =>
  validationProblem([{ field: 'orgUnitId', message: 'cần orgUnitId hoặc clusterId (chỉ một trong hai)' }]);

export const periodReversed = () => validationProblem([{ field: 'to', message: 'không được trước ngày from' }]);

export const clusterUnitsUnknown = () =>
  validationProblem([{ field: 'orgUnitIds', message: 'có đơn vị không tồn tại' }]);
