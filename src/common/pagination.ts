import { HttpStatus, Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type as TransformType } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ProblemException } from './problem';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** `?limit=&cursor=` of every list endpoint; extend it with the list's own filters. */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @TransformType(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = DEFAULT_PAGE_SIZE;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** OpenAPI schema for `Page<T>`: `PageOf(OutboxEventView)` names it `OutboxEventViewPage`. */
export function PageOf<T>(item: Type<T>): Type<Page<T>> {
  class PageDto {
    @ApiProperty({ type: [item] })
    items: T[];

    @ApiProperty({ type: String, nullable: true })
    nextCursor: string | null;
  }
  Object.defineProperty(PageDto, 'name', { value: `${item.name}Page` });
  return PageDto;
}

export interface SortKey {
  /** Column as written in SQL, e.g. `event.created_at`. */
  column: string;
  /** Property of the loaded entity that holds the column's value. */
  property: string;
}

type CursorValue = string | number | null;

export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): CursorValue[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = undefined;
  }
  const valid =
    Array.isArray(values) &&
    values.length === arity &&
    values.every((v) => v === null || typeof v === 'string' || typeof v === 'number');
  if (!valid) throw badCursor();
  return values as CursorValue[];
}

/** 400 on `cursor`: a cursor this server did not hand out. */
export const badCursor = () =>
  new ProblemException(HttpStatus.BAD_REQUEST, {
    code: 'validation_failed',
    title: 'Dữ liệu không hợp lệ',
    detail: 'cursor: con trỏ trang không hợp lệ; hãy dùng nextCursor của trang trước.',
    errors: [{ field: 'cursor', message: 'con trỏ trang không hợp lệ' }],
  });

function cursorValue(value: unknown): CursorValue {
  if (value instanceof Date) return value.toISOString();
  if (value === null || value === undefined) return null;
  return typeof value === 'number' ? value : String(value);
}

/**
 * Keyset pagination, ascending on `keys` (the last key must be unique, e.g. the id), so pages stay
 * stable while rows are inserted. The cursor is opaque to clients. Keys must survive a JSON round
 * trip exactly: use ids, sequences or `timestamptz(3)`, not microsecond timestamps.
 */
export async function paginate<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  page: Pick<PageQuery, 'limit' | 'cursor'>,
  keys: SortKey[],
): Promise<Page<T>> {
  const limit = page.limit ?? DEFAULT_PAGE_SIZE;
  if (page.cursor) {
    const values = decodeCursor(page.cursor, keys.length);
    const params = Object.fromEntries(values.map((v, i) => [`cursor_${i}`, v]));
    const columns = keys.map((k) => k.column).join(', ');
    const placeholders = keys.map((_, i) => `:cursor_${i}`).join(', ');
    query.andWhere(`(${columns}) > (${placeholders})`, params);
  }
  for (const [index, key] of keys.entries()) {
    if (index === 0) query.orderBy(key.column, 'ASC');
    else query.addOrderBy(key.column, 'ASC');
  }
  const rows = await query
    .take(undefined)
    .limit(limit + 1)
    .getMany();
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor =
    rows.length > limit && last
      ? encodeCursor(keys.map((k) => cursorValue((last as Record<string, unknown>)[k.property])))
      : null;
  return { items, nextCursor };
}
