import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches } from 'class-validator';

const DAY_MESSAGE = 'phải là ngày dạng YYYY-MM-DD';

/** A real calendar day written YYYY-MM-DD (2025-02-30 is refused). */
export const IsCalendarDay = () =>
  applyDecorators(
    IsISO8601({ strict: true }, { message: DAY_MESSAGE }),
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: DAY_MESSAGE }),
  );
