import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Certificates, their units' issuing settings and serial counters. Certificates are never deleted:
 * a trigger refuses DELETE (revoked and superseded ones stay as evidence).
 */

export class Certificates1796229721505 implements MigrationInterface {
  name = 'Certificates1796229721505';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "certificates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "enrollment_id" uuid NOT NULL, "user_id" uuid NOT NULL, "program_id" uuid NOT NULL, "class_id" uuid NOT NULL, "org_unit_id" uuid NOT NULL, "status" text NOT NULL, "serial" text, "verification_code" text, "content" jsonb, "content_hash" text, "status_index" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "issued_at" TIMESTAMP WITH TIME ZONE, "replaces_id" uuid, "revoked_at" TIMESTAMP WITH TIME ZONE, "revocation_reason" text, "superseded_at" TIMESTAMP WITH TIME ZONE, "superseded_reason" text, "pdf_key" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e4c7e31e2144300bea7d89eb165" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "certificates_serial_key" ON "certificates" ("serial") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "certificates_verification_code_key" ON "certificates" ("verification_code") `,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "certificates_status_index_key" ON "certificates" ("status_index") `);
    await queryRunner.query(`CREATE INDEX "certificates_enrollment_id_idx" ON "certificates" ("enrollment_id") `);
    await queryRunner.query(`CREATE INDEX "certificates_class_id_idx" ON "certificates" ("class_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "certificates_one_live_per_program" ON "certificates" ("user_id", "program_id") WHERE status IN ('pending', 'valid')`,
    );
    await queryRunner.query(
      `CREATE TABLE "certificate_settings" ("org_unit_id" uuid NOT NULL, "signer_name" text NOT NULL, "signer_title" text NOT NULL, "signer_authority" text, "place" text NOT NULL, "header_lines" jsonb NOT NULL, "serial_pattern" text NOT NULL, "updated_by_user_id" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_13d9310b051f746bb458305e679" PRIMARY KEY ("org_unit_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "certificate_serial_counters" ("org_unit_id" uuid NOT NULL, "year" integer NOT NULL, "last_number" integer NOT NULL, CONSTRAINT "PK_4ad940692da7906b357a9b5715f" PRIMARY KEY ("org_unit_id", "year"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "certificates" ADD CONSTRAINT "FK_f0f3773b2ccb7811da9ccd63d94" FOREIGN KEY ("enrollment_id") REFERENCES "enrollments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "certificates" ADD CONSTRAINT "FK_88f90b1b9c635c14271e509cec0" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "certificates" ADD CONSTRAINT "FK_1eb0d8d2840d24d211ac1e29b79" FOREIGN KEY ("program_id") REFERENCES "programs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "certificates" ADD CONSTRAINT "FK_90775906fa0b771b5ad67ca4f04" FOREIGN KEY ("class_id") REFERENCES "classes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "certificates" ADD CONSTRAINT "FK_559ad0ddf508d4298bbc6d56859" FOREIGN KEY ("org_unit_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "certificates" ADD CONSTRAINT "FK_1855b64447c137ba85c24280638" FOREIGN KEY ("replaces_id") REFERENCES "certificates"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "certificate_settings" ADD CONSTRAINT "FK_13d9310b051f746bb458305e679" FOREIGN KEY ("org_unit_id") REFERENCES "org_units"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`CREATE FUNCTION certificates_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              RAISE EXCEPTION 'certificates are never deleted';
            END $$`);
    await queryRunner.query(`CREATE TRIGGER certificates_never_deleted BEFORE DELETE ON "certificates"
            FOR EACH ROW EXECUTE FUNCTION certificates_refuse_delete()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "certificates_never_deleted" ON "certificates"`);
    await queryRunner.query(`DROP FUNCTION certificates_refuse_delete()`);
    await queryRunner.query(`ALTER TABLE "certificate_settings" DROP CONSTRAINT "FK_13d9310b051f746bb458305e679"`);
    await queryRunner.query(`ALTER TABLE "certificates" DROP CONSTRAINT "FK_1855b64447c137ba85c24280638"`);
    await queryRunner.query(`ALTER TABLE "certificates" DROP CONSTRAINT "FK_559ad0ddf508d4298bbc6d56859"`);
    await queryRunner.query(`ALTER TABLE "certificates" DROP CONSTRAINT "FK_90775906fa0b771b5ad67ca4f04"`);
    await queryRunner.query(`ALTER TABLE "certificates" DROP CONSTRAINT "FK_1eb0d8d2840d24d211ac1e29b79"`);
    await queryRunner.query(`ALTER TABLE "certificates" DROP CONSTRAINT "FK_88f90b1b9c635c14271e509cec0"`);
    await queryRunner.query(`ALTER TABLE "certificates" DROP CONSTRAINT "FK_f0f3773b2ccb7811da9ccd63d94"`);
    await queryRunner.query(`DROP TABLE "certificate_serial_counters"`);
    await queryRunner.query(`DROP TABLE "certificate_settings"`);
    await queryRunner.query(`DROP INDEX "public"."certificates_one_live_per_program"`);
    await queryRunner.query(`DROP INDEX "public"."certificates_class_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."certificates_enrollment_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."certificates_status_index_key"`);
    await queryRunner.query(`DROP INDEX "public"."certificates_verification_code_key"`);
    await queryRunner.query(`DROP INDEX "public"."certificates_serial_key"`);
    await queryRunner.query(`DROP TABLE "certificates"`);
  }
}
