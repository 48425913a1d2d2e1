import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The BullMQ job of each enqueued outbox event, since events of batched topics share one job: the
 * relay's reconciliation asks Redis for that job. Events enqueued before this migration get the
 * one-event job id the relay gave them (`outbox-<id>-<generation>`).
 */

export class OutboxJobIds1795237575805 implements MigrationInterface {
  name = 'OutboxJobIds1795237575805';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbox_events" ADD "job_id" text`);
    await queryRunner.query(
      `UPDATE "outbox_events" SET "job_id" = 'outbox-' || "id" || '-' || "generation" WHERE "status" = 'enqueued'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbox_events" DROP COLUMN "job_id"`);
  }
}
