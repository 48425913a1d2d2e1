import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The change feed's position on every enrolment: the id of the transaction that last wrote the row,
 * stamped by a trigger so that no writer can forget it. Written by hand: TypeORM knows neither the
 * `xid8` type nor triggers, so the entity does not map the column and `migration:generate` sees no change.
 */
export class EnrollmentChangeFeed1796322661433 implements MigrationInterface {
  name = 'EnrollmentChangeFeed1796322661433';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Existing rows all get this migration's transaction id; the feed orders them by id within it.
    await queryRunner.query(`ALTER TABLE "enrollments" ADD "change_xid" xid8 NOT NULL DEFAULT pg_current_xact_id()`);
    await queryRunner.query(
      `CREATE FUNCTION enrollments_stamp_change_xid() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         NEW.change_xid := pg_current_xact_id();
         RETURN NEW;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER enrollments_change_xid BEFORE INSERT OR UPDATE ON "enrollments"
         FOR EACH ROW EXECUTE FUNCTION enrollments_stamp_change_xid()`,
    );
    await queryRunner.query(`CREATE INDEX "enrollments_change_feed_idx" ON "enrollments" ("change_xid", "id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "enrollments_change_feed_idx"`);
    await queryRunner.query(`DROP TRIGGER enrollments_change_xid ON "enrollments"`);
    await queryRunner.query(`DROP FUNCTION enrollments_stamp_change_xid()`);
    await queryRunner.query(`ALTER TABLE "enrollments" DROP COLUMN "change_xid"`);
  }
}
