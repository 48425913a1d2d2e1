import { MigrationInterface, QueryRunner } from 'typeorm';

/** The org tree (ltree paths, history) and people's details; generated, then the extensions and
 * the expression, GiST and trigram indexes TypeORM cannot express were added by hand. */

export class OrgUnitsAndPeople1795226627250 implements MigrationInterface {
  name = 'OrgUnitsAndPeople1795226627250';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS ltree`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE TABLE "org_units" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" text NOT NULL, "name" text NOT NULL, "search_text" text NOT NULL DEFAULT '', "type" text NOT NULL, "parent_id" uuid, "path" ltree NOT NULL, "rollup_path" ltree NOT NULL, "active" boolean NOT NULL DEFAULT true, "merged_into_id" uuid, "merged_on" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b4a19b7f3756560cd75643be5a7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "org_units_parent_id_idx" ON "org_units" ("parent_id") `);
    await queryRunner.query(
      `CREATE TABLE "org_unit_changes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "org_unit_id" uuid NOT NULL, "kind" text NOT NULL, "from_parent_id" uuid, "to_parent_id" uuid, "merged_into_id" uuid, "effective_from" date NOT NULL, "status" text NOT NULL DEFAULT 'applied', "actor_user_id" uuid, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f1cb312fc5e80c2cb55b36db50e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "org_unit_changes_unit_idx" ON "org_unit_changes" ("org_unit_id") `);
    await queryRunner.query(`ALTER TABLE "users" ADD "search_text" text NOT NULL DEFAULT ''`);
    await queryRunner.query(`ALTER TABLE "users" ADD "email" text`);
    await queryRunner.query(`ALTER TABLE "users" ADD "phone" text`);
    await queryRunner.query(`ALTER TABLE "users" ADD "date_of_birth" date`);
    await queryRunner.query(`ALTER TABLE "users" ADD "org_unit_id" uuid`);
    await queryRunner.query(`ALTER TABLE "users" ADD "party_status" text NOT NULL DEFAULT 'none'`);
    await queryRunner.query(`ALTER TABLE "users" ADD "party_admission_date" date`);
    await queryRunner.query(`CREATE INDEX "role_assignments_org_unit_id_idx" ON "role_assignments" ("org_unit_id") `);
    await queryRunner.query(`CREATE INDEX "users_org_unit_id_idx" ON "users" ("org_unit_id") `);
    await queryRunner.query(
      `ALTER TABLE "org_units" ADD CONSTRAINT "FK_93e336d1c079edb2cecd9c8f599" FOREIGN KEY ("parent_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "org_units" ADD CONSTRAINT "FK_3e71204d9771efc4a0c529fa467" FOREIGN KEY ("merged_into_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "role_assignments" ADD CONSTRAINT "FK_8e9d7c86e72d402f5efe83559fd" FOREIGN KEY ("org_unit_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "FK_758b37f4f8ca8be4ddaefa51c9e" FOREIGN KEY ("org_unit_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "org_unit_changes" ADD CONSTRAINT "FK_6cf2d25b92215febfb1f0b656ac" FOREIGN KEY ("org_unit_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "org_units_code_lower_key" ON "org_units" (lower("code"))`);
    await queryRunner.query(`CREATE INDEX "org_units_path_gist" ON "org_units" USING GIST ("path")`);
    await queryRunner.query(`CREATE INDEX "org_units_rollup_path_gist" ON "org_units" USING GIST ("rollup_path")`);
    await queryRunner.query(`CREATE INDEX "users_search_text_trgm" ON "users" USING GIN ("search_text" gin_trgm_ops)`);
    await queryRunner.query(`UPDATE "users" SET "search_text" = lower("full_name" || ' ' || "username")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."users_search_text_trgm"`);
    await queryRunner.query(`DROP INDEX "public"."org_units_rollup_path_gist"`);
    await queryRunner.query(`DROP INDEX "public"."org_units_path_gist"`);
    await queryRunner.query(`DROP INDEX "public"."org_units_code_lower_key"`);
    await queryRunner.query(`ALTER TABLE "org_unit_changes" DROP CONSTRAINT "FK_6cf2d25b92215febfb1f0b656ac"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_758b37f4f8ca8be4ddaefa51c9e"`);
    await queryRunner.query(`ALTER TABLE "role_assignments" DROP CONSTRAINT "FK_8e9d7c86e72d402f5efe83559fd"`);
    await queryRunner.query(`ALTER TABLE "org_units" DROP CONSTRAINT "FK_3e71204d9771efc4a0c529fa467"`);
    await queryRunner.query(`ALTER TABLE "org_units" DROP CONSTRAINT "FK_93e336d1c079edb2cecd9c8f599"`);
    await queryRunner.query(`DROP INDEX "public"."users_org_unit_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."role_assignments_org_unit_id_idx"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "party_admission_date"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "party_status"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "org_unit_id"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "date_of_birth"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "phone"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "email"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "search_text"`);
    await queryRunner.query(`DROP INDEX "public"."org_unit_changes_unit_idx"`);
    await queryRunner.query(`DROP TABLE "org_unit_changes"`);
    await queryRunner.query(`DROP INDEX "public"."org_units_parent_id_idx"`);
    await queryRunner.query(`DROP TABLE "org_units"`);
  }
}
