import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Curricula: programmes, courses (versions), lessons with positions unique per course (checked at
 * commit so one UPDATE can shift a range), attachments, and the question bank.
 */

export class Curricula1795232812715 implements MigrationInterface {
  name = 'Curricula1795232812715';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "programs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" text NOT NULL, "name" text NOT NULL, "kind" text NOT NULL, "description" text, "org_unit_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d43c664bcaafc0e8a06dfd34e05" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "programs_org_unit_id_idx" ON "programs" ("org_unit_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "programs_code_lower_key" ON "programs" (lower("code"))`);
    await queryRunner.query(
      `CREATE TABLE "courses" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "program_id" uuid NOT NULL, "org_unit_id" uuid NOT NULL, "title" text NOT NULL, "version" text NOT NULL, "description" text, "status" text NOT NULL DEFAULT 'draft', "completion_rule" jsonb NOT NULL, "grading_scale" jsonb NOT NULL, "total_periods" integer NOT NULL DEFAULT '0', "previous_version_id" uuid, "created_by_user_id" uuid, "published_at" TIMESTAMP WITH TIME ZONE, "archived_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "courses_program_unit_version_key" UNIQUE ("program_id", "org_unit_id", "version"), CONSTRAINT "PK_3f70a487cc718ad8eda4e6d58c9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "courses_program_id_idx" ON "courses" ("program_id") `);
    await queryRunner.query(`CREATE INDEX "courses_org_unit_id_idx" ON "courses" ("org_unit_id") `);
    await queryRunner.query(
      `CREATE TABLE "lessons" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "course_id" uuid NOT NULL, "position" integer NOT NULL, "title" text NOT NULL, "periods" integer NOT NULL, "content" text NOT NULL DEFAULT '', "objectives" text array NOT NULL DEFAULT '{}', "mandatory" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "lessons_course_position_key" UNIQUE ("course_id", "position") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "PK_9b9a8d455cac672d262d7275730" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "questions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "course_id" uuid NOT NULL, "lesson_id" uuid, "position" integer NOT NULL, "type" text NOT NULL, "prompt" text NOT NULL, "options" jsonb, "correct" jsonb, "accepted_answers" text array, "points" numeric(7,2) NOT NULL, "tags" text array NOT NULL DEFAULT '{}', "partial_credit" boolean NOT NULL DEFAULT false, "ignore_diacritics" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_08a6d4b0f49ff300bf3a0ca60ac" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "questions_lesson_id_idx" ON "questions" ("lesson_id") `);
    await queryRunner.query(
      `CREATE INDEX "questions_course_id_position_idx" ON "questions" ("course_id", "position") `,
    );
    await queryRunner.query(
      `CREATE TABLE "attachments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "course_id" uuid NOT NULL, "lesson_id" uuid NOT NULL, "path" text NOT NULL, "type" text NOT NULL, "content_type" text NOT NULL, "size_bytes" bigint NOT NULL, "sha256" text NOT NULL, "storage_key" text NOT NULL, "created_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "attachments_course_path_key" UNIQUE ("course_id", "path"), CONSTRAINT "PK_5e1f050bcff31e3084a1d662412" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "attachments_lesson_id_idx" ON "attachments" ("lesson_id") `);
    await queryRunner.query(
      `ALTER TABLE "programs" ADD CONSTRAINT "FK_cef15bedfe0f7b01ea9694a862b" FOREIGN KEY ("org_unit_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "courses" ADD CONSTRAINT "FK_ef3a23e394203eb11b06b77f695" FOREIGN KEY ("program_id") REFERENCES "programs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "courses" ADD CONSTRAINT "FK_6b2616f9754d173b49449109460" FOREIGN KEY ("org_unit_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "courses" ADD CONSTRAINT "FK_2eaa4b6a392f12ecba42c909d0f" FOREIGN KEY ("previous_version_id") REFERENCES "courses"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "courses" ADD CONSTRAINT "FK_ca3001d2b3afc41f7fb6386245b" FOREIGN KEY ("created_by_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "lessons" ADD CONSTRAINT "FK_3c4e299cf8ed04093935e2e22fe" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "questions" ADD CONSTRAINT "FK_921085ed8cad9bd8299dc603ef4" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "questions" ADD CONSTRAINT "FK_fee6c7e147700ebf9e5023e73e3" FOREIGN KEY ("lesson_id") REFERENCES "lessons"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "attachments" ADD CONSTRAINT "FK_c8108782bc49f6458a8cc50d901" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "attachments" ADD CONSTRAINT "FK_839c09ab2813abd584804a8a95e" FOREIGN KEY ("lesson_id") REFERENCES "lessons"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "attachments" ADD CONSTRAINT "FK_1d2cb6a9c543edc93c52029647c" FOREIGN KEY ("created_by_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "attachments" DROP CONSTRAINT "FK_1d2cb6a9c543edc93c52029647c"`);
    await queryRunner.query(`ALTER TABLE "attachments" DROP CONSTRAINT "FK_839c09ab2813abd584804a8a95e"`);
    await queryRunner.query(`ALTER TABLE "attachments" DROP CONSTRAINT "FK_c8108782bc49f6458a8cc50d901"`);
    await queryRunner.query(`ALTER TABLE "questions" DROP CONSTRAINT "FK_fee6c7e147700ebf9e5023e73e3"`);
    await queryRunner.query(`ALTER TABLE "questions" DROP CONSTRAINT "FK_921085ed8cad9bd8299dc603ef4"`);
    await queryRunner.query(`ALTER TABLE "lessons" DROP CONSTRAINT "FK_3c4e299cf8ed04093935e2e22fe"`);
    await queryRunner.query(`ALTER TABLE "courses" DROP CONSTRAINT "FK_ca3001d2b3afc41f7fb6386245b"`);
    await queryRunner.query(`ALTER TABLE "courses" DROP CONSTRAINT "FK_2eaa4b6a392f12ecba42c909d0f"`);
    await queryRunner.query(`ALTER TABLE "courses" DROP CONSTRAINT "FK_6b2616f9754d173b49449109460"`);
    await queryRunner.query(`ALTER TABLE "courses" DROP CONSTRAINT "FK_ef3a23e394203eb11b06b77f695"`);
    await queryRunner.query(`ALTER TABLE "programs" DROP CONSTRAINT "FK_cef15bedfe0f7b01ea9694a862b"`);
    await queryRunner.query(`DROP INDEX "public"."attachments_lesson_id_idx"`);
    await queryRunner.query(`DROP TABLE "attachments"`);
    await queryRunner.query(`DROP INDEX "public"."questions_course_id_position_idx"`);
    await queryRunner.query(`DROP INDEX "public"."questions_lesson_id_idx"`);
    await queryRunner.query(`DROP TABLE "questions"`);
    await queryRunner.query(`DROP TABLE "lessons"`);
    await queryRunner.query(`DROP INDEX "public"."courses_org_unit_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."courses_program_id_idx"`);
    await queryRunner.query(`DROP TABLE "courses"`);
    await queryRunner.query(`DROP INDEX "public"."programs_code_lower_key"`);
    await queryRunner.query(`DROP INDEX "public"."programs_org_unit_id_idx"`);
    await queryRunner.query(`DROP TABLE "programs"`);
  }
}
