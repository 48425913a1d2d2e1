import { MigrationInterface, QueryRunner } from 'typeorm';

export class Statistics1796305268325 implements MigrationInterface {
  name = 'Statistics1796305268325';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "stats_completion_counters" ("org_unit_id" uuid NOT NULL, "grain" text NOT NULL, "period" date NOT NULL, "child_id" uuid NOT NULL, "program_id" uuid NOT NULL, "classes" integer NOT NULL DEFAULT '0', "enrolled" integer NOT NULL DEFAULT '0', "completed" integer NOT NULL DEFAULT '0', "failed" integer NOT NULL DEFAULT '0', "in_progress" integer NOT NULL DEFAULT '0', "scored" integer NOT NULL DEFAULT '0', "score_sum_centi" bigint NOT NULL DEFAULT '0', "xuat_sac" integer NOT NULL DEFAULT '0', "gioi" integer NOT NULL DEFAULT '0', "kha" integer NOT NULL DEFAULT '0', "trung_binh" integer NOT NULL DEFAULT '0', "khong_dat" integer NOT NULL DEFAULT '0', "certificates" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_ad02fe2d1f45e68e815d6857d3a" PRIMARY KEY ("org_unit_id", "grain", "period", "child_id", "program_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "stats_clusters" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "created_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c442b8a5f0f22d856c732c2cc9d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "stats_cluster_members" ("cluster_id" uuid NOT NULL, "org_unit_id" uuid NOT NULL, "position" integer NOT NULL, CONSTRAINT "PK_6bfe8fb9b168c8acdce10ba5631" PRIMARY KEY ("cluster_id", "org_unit_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "stats_class_figures" ("class_id" uuid NOT NULL, "org_unit_id" uuid NOT NULL, "program_id" uuid NOT NULL, "ends_on" date NOT NULL, "filed_path" ltree NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "classes" integer NOT NULL DEFAULT '0', "enrolled" integer NOT NULL DEFAULT '0', "completed" integer NOT NULL DEFAULT '0', "failed" integer NOT NULL DEFAULT '0', "in_progress" integer NOT NULL DEFAULT '0', "scored" integer NOT NULL DEFAULT '0', "score_sum_centi" bigint NOT NULL DEFAULT '0', "xuat_sac" integer NOT NULL DEFAULT '0', "gioi" integer NOT NULL DEFAULT '0', "kha" integer NOT NULL DEFAULT '0', "trung_binh" integer NOT NULL DEFAULT '0', "khong_dat" integer NOT NULL DEFAULT '0', "certificates" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_186e510b46a9523f72e73525dbc" PRIMARY KEY ("class_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "stats_class_figures_org_unit_id_idx" ON "stats_class_figures" ("org_unit_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "stats_cluster_members" ADD CONSTRAINT "FK_15e3c33f4dd17790931741741b9" FOREIGN KEY ("cluster_id") REFERENCES "stats_clusters"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "stats_cluster_members" ADD CONSTRAINT "FK_1539e9778532a9e563f9d39350b" FOREIGN KEY ("org_unit_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "stats_cluster_members" DROP CONSTRAINT "FK_1539e9778532a9e563f9d39350b"`);
    await queryRunner.query(`ALTER TABLE "stats_cluster_members" DROP CONSTRAINT "FK_15e3c33f4dd17790931741741b9"`);
    await queryRunner.query(`DROP INDEX "public"."stats_class_figures_org_unit_id_idx"`);
    await queryRunner.query(`DROP TABLE "stats_class_figures"`);
    await queryRunner.query(`DROP TABLE "stats_cluster_members"`);
    await queryRunner.query(`DROP TABLE "stats_clusters"`);
    await queryRunner.query(`DROP TABLE "stats_completion_counters"`);
  }
}
