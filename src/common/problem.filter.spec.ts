import { BadRequestException, HttpException, Logger, NotFoundException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { isDatabaseUnreachable, toProblem } from './problem.filter';

const request = { method: 'POST', url: '/api/v1/classes?x=1' } as FastifyRequest;

function dbError(code: string): QueryFailedError {
  return new QueryFailedError('INSERT …', [], Object.assign(new Error('db'), { code, constraint: 'users_key' }));
}

describe('toProblem', () => {
  it('maps PostgreSQL conflicts to 409 and bad values to 400', () => {
    expect(toProblem(dbError('23505'), request)).toMatchObject({ status: 409, code: 'duplicate' });
    expect(toProblem(dbError('40001'), request)).toMatchObject({ status: 409, code: 'concurrent_update' });
    expect(toProblem(dbError('22P02'), request)).toMatchObject({ status: 400, code: 'invalid_value' });
  });

  it('maps Fastify body errors (plain-string HttpExceptions) by status', () => {
    expect(toProblem(new HttpException('Body is not valid JSON', 400), request)).toMatchObject({
      status: 400,
      code: 'malformed_body',
    });
    expect(toProblem(new HttpException('Request body is too large', 413), request).code).toBe('payload_too_large');
    expect(toProblem(new HttpException('Unsupported Media Type', 415), request).code).toBe('unsupported_media_type');
  });

  it('tells an unknown route from a missing object', () => {
    expect(toProblem(new NotFoundException('Cannot POST /api/v1/classes?x=1'), request)).toMatchObject({
      code: 'route_not_found',
      detail: 'Không có đường dẫn POST /api/v1/classes.',
    });
    expect(toProblem(new BadRequestException('thiếu dữ liệu'), request)).toMatchObject({
      status: 400,
      detail: 'thiếu dữ liệu',
    });
  });

  it('hides anything else behind a logged error id', () => {
    const log = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const body = toProblem(dbError('XX000'), request);
    expect(body).toMatchObject({ status: 500, code: 'internal_error' });
    expect(JSON.stringify(body)).not.toContain('INSERT');
    expect(log).toHaveBeenCalledWith(expect.objectContaining({ errorId: body.errorId }), expect.any(String));
    log.mockRestore();
  });
});

describe('isDatabaseUnreachable', () => {
  it('knows a connection that failed from a statement that failed', () => {
    expect(isDatabaseUnreachable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(
      isDatabaseUnreachable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })),
    ).toBe(true);
    expect(isDatabaseUnreachable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnreachable(dbError('57P01'))).toBe(true);
    expect(isDatabaseUnreachable(dbError('57P03'))).toBe(true);
    expect(isDatabaseUnreachable(dbError('53300'))).toBe(true);
    expect(isDatabaseUnreachable(dbError('23505'))).toBe(false);
    expect(isDatabaseUnreachable(dbError('XX000'))).toBe(false);
    expect(isDatabaseUnreachable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnreachable(undefined)).toBe(false);
  });
});
