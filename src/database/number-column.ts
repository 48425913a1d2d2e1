import type { ValueTransformer } from 'typeorm';

/**
 * `numeric` and `bigint` columns arrive from pg as strings (exact decimals, 64-bit integers); the
 * values here fit a JS number, so entities read them as numbers. Null stays null.
 */
export const asNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
