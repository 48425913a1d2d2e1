import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks of units, their deliveries (one per event and webhook; its id is the `webhook-id`
 * header) and every attempt of each (the deliveries log). Nothing is removed when a webhook is
 * disabled or deleted: its status says so and the log stays.
 */

export class Webhooks1796231429150 implements MigrationInterface {
  name = 'Webhooks1796231429150';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "webhooks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "org_unit_id" uuid NOT NULL, "url" text NOT NULL, "events" text array NOT NULL, "secret" text NOT NULL, "owner_user_id" uuid, "status" text NOT NULL DEFAULT 'active', "consecutive_failures" integer NOT NULL DEFAULT '0', "disabled_at" TIMESTAMP WITH TIME ZONE, "deleted_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9e8795cfc899ab7bdaa831e8527" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "webhooks_org_unit_id_idx" ON "webhooks" ("org_unit_id") `);
    await queryRunner.query(
      `CREATE TABLE "webhook_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "webhook_id" uuid NOT NULL, "source_event_id" uuid NOT NULL, "type" text NOT NULL, "body" jsonb NOT NULL, "status" text NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "webhook_deliveries_webhook_id_source_event_id_key" ON "webhook_deliveries" ("webhook_id", "source_event_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_delivery_attempts" ("seq" BIGSERIAL NOT NULL, "delivery_id" uuid NOT NULL, "webhook_id" uuid NOT NULL, "attempt" integer NOT NULL, "status_code" integer, "duration_ms" integer NOT NULL, "error" text, "at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a54c5305262e01c4e4957419deb" PRIMARY KEY ("seq"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "webhook_delivery_attempts_webhook_id_seq_idx" ON "webhook_delivery_attempts" ("webhook_id", "seq") `,
    );
    await queryRunner.query(
      `ALTER TABLE "webhooks" ADD CONSTRAINT "FK_5d7dbdfdd1fd5c69e753a96b177" FOREIGN KEY ("org_unit_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhooks" ADD CONSTRAINT "FK_5960c6528e6bd7b568cf1c4745b" FOREIGN KEY ("owner_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "FK_a0286aeb96db651efd1ae2966f2" FOREIGN KEY ("webhook_id") REFERENCES "webhooks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_delivery_attempts" ADD CONSTRAINT "FK_647916c401c0c275df5f00c148f" FOREIGN KEY ("delivery_id") REFERENCES "webhook_deliveries"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "webhook_delivery_attempts" DROP CONSTRAINT "FK_647916c401c0c275df5f00c148f"`);
    await queryRunner.query(`ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_a0286aeb96db651efd1ae2966f2"`);
    await queryRunner.query(`ALTER TABLE "webhooks" DROP CONSTRAINT "FK_5960c6528e6bd7b568cf1c4745b"`);
    await queryRunner.query(`ALTER TABLE "webhooks" DROP CONSTRAINT "FK_5d7dbdfdd1fd5c69e753a96b177"`);
    await queryRunner.query(`DROP INDEX "public"."webhook_delivery_attempts_webhook_id_seq_idx"`);
    await queryRunner.query(`DROP TABLE "webhook_delivery_attempts"`);
    await queryRunner.query(`DROP INDEX "public"."webhook_deliveries_webhook_id_source_event_id_key"`);
    await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
    await queryRunner.query(`DROP INDEX "public"."webhooks_org_unit_id_idx"`);
    await queryRunner.query(`DROP TABLE "webhooks"`);
  }
}
