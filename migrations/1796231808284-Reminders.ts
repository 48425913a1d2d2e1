import { MigrationInterface, QueryRunner } from 'typeorm';

/** Reminders found due by the scans, one row per (kind, object, lead, occasion): each is sent once. */

export class Reminders1796231808284 implements MigrationInterface {
  name = 'Reminders1796231808284';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "reminders" ("kind" text NOT NULL, "object_id" uuid NOT NULL, "lead" text NOT NULL, "occurs_at" TIMESTAMP WITH TIME ZONE NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3d6ee7420d82e858a43d429c422" PRIMARY KEY ("kind", "object_id", "lead", "occurs_at"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "reminders"`);
  }
}
