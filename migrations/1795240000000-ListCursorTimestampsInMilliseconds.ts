import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sort keys of lists stored in milliseconds: a cursor carries a JavaScript timestamp, so a
 * microsecond `now()` would never equal it and the last row of a page came back on the next one.
 * Existing values are rounded to the millisecond; the (key, id) order stays total.
 */
export class ListCursorTimestampsInMilliseconds1795240000000 implements MigrationInterface {
  name = 'ListCursorTimestampsInMilliseconds1795240000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, column] of COLUMNS) {
      await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "${column}" TYPE TIMESTAMP(3) WITH TIME ZONE`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, column] of COLUMNS) {
      await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "${column}" TYPE TIMESTAMP WITH TIME ZONE`);
    }
  }
}

const COLUMNS = [
  ['org_unit_changes', 'recorded_at'],
  ['api_keys', 'created_at'],
  ['courses', 'created_at'],
] as const;
