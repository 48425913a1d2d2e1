import { HttpStatus } from '@nestjs/common';
import { decodeCursor, encodeCursor } from './pagination';
import { ProblemException } from './problem';

describe('keyset cursors', () => {
  it('round-trips the sort key values', () => {
    const values = ['42', '2026-11-21T01:00:00.000Z', null, 7];
    expect(decodeCursor(encodeCursor(values), 4)).toEqual(values);
  });

  it.each([
    ['not base64 JSON', '%%%'],
    ['a JSON object', Buffer.from('{"a":1}').toString('base64url')],
    ['the wrong number of keys', encodeCursor(['1', '2'])],
    ['nested values', encodeCursor([{ id: 1 } as never])],
  ])('refuses %s with a 400 naming the cursor', (_label, cursor) => {
    try {
      decodeCursor(cursor, 1);
      throw new Error('expected a ProblemException');
    } catch (error) {
      expect(error).toBeInstanceOf(ProblemException);
      const problem = (error as ProblemException).problem;
      expect(problem.status).toBe(HttpStatus.BAD_REQUEST);
      expect(problem.errors).toEqual([{ field: 'cursor', message: 'con trỏ trang không hợp lệ' }]);
    }
  });
});
