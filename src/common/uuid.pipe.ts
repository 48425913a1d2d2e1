import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { validationProblem } from './validation';

/** `@Param('id', UuidPipe)`: a malformed id is a 400 naming the parameter, not a database error. */
@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (isUUID(value)) return value;
    throw validationProblem([{ field: metadata.data ?? 'id', message: 'phải là UUID' }]);
  }
}
