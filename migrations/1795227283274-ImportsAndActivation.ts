import { MigrationInterface, QueryRunner } from 'typeorm';

/** Imports (file, progress, refused rows) and the one-time activation codes of imported people. */

export class ImportsAndActivation1795227283274 implements MigrationInterface {
  name = 'ImportsAndActivation1795227283274';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "imports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" text NOT NULL, "subject_id" uuid, "status" text NOT NULL DEFAULT 'queued', "created_by_user_id" uuid, "filename" text NOT NULL, "content" bytea NOT NULL, "total" integer NOT NULL DEFAULT '0', "processed" integer NOT NULL DEFAULT '0', "succeeded" integer NOT NULL DEFAULT '0', "created" integer NOT NULL DEFAULT '0', "failed" integer NOT NULL DEFAULT '0', "errors" jsonb NOT NULL DEFAULT '[]', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_ea10c62f5eb1d75e83d8b5225db" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "imports_created_by_idx" ON "imports" ("created_by_user_id") `);
    await queryRunner.query(
      `CREATE TABLE "activation_codes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "import_id" uuid, "code_hash" text NOT NULL, "code_plain" text, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a72dbbeaa882b981dde20ccefc9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "activation_codes_user_id_idx" ON "activation_codes" ("user_id") `);
    await queryRunner.query(`CREATE INDEX "activation_codes_import_id_idx" ON "activation_codes" ("import_id") `);
    await queryRunner.query(
      `ALTER TABLE "imports" ADD CONSTRAINT "FK_3a7262831a9604ceaf44fe0e4a4" FOREIGN KEY ("created_by_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activation_codes" ADD CONSTRAINT "FK_dad02d922bf70fb8d9c5311cf7f" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activation_codes" ADD CONSTRAINT "FK_6829066f68adf679156a9643947" FOREIGN KEY ("import_id") REFERENCES "imports"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "activation_codes" DROP CONSTRAINT "FK_6829066f68adf679156a9643947"`);
    await queryRunner.query(`ALTER TABLE "activation_codes" DROP CONSTRAINT "FK_dad02d922bf70fb8d9c5311cf7f"`);
    await queryRunner.query(`ALTER TABLE "imports" DROP CONSTRAINT "FK_3a7262831a9604ceaf44fe0e4a4"`);
    await queryRunner.query(`DROP INDEX "public"."activation_codes_import_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."activation_codes_user_id_idx"`);
    await queryRunner.query(`DROP TABLE "activation_codes"`);
    await queryRunner.query(`DROP INDEX "public"."imports_created_by_idx"`);
    await queryRunner.query(`DROP TABLE "imports"`);
  }
}
