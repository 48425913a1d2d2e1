import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency-Key records: each caller's keys with the first successful answer, and an index on
 * their creation time for the daily purge.
 */

export class IdempotencyKeys1795238171878 implements MigrationInterface {
  name = 'IdempotencyKeys1795238171878';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "idempotency_records" ("owner" text NOT NULL, "key" text NOT NULL, "fingerprint" text NOT NULL, "response" jsonb, "completed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a48571ca8a630451767640969bd" PRIMARY KEY ("owner", "key"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idempotency_records_created_at_idx" ON "idempotency_records" ("created_at") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idempotency_records_created_at_idx"`);
    await queryRunner.query(`DROP TABLE "idempotency_records"`);
  }
}
