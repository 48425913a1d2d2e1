import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Classes (runs of a published course at a unit), their instructors, sessions with bridge points,
 * attendance (one row per learner and session), enrolments with their stored progress summary, and
 * lesson progress.
 */

export class ClassesAndEnrollments1795232930454 implements MigrationInterface {
  name = 'ClassesAndEnrollments1795232930454';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "classes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "course_id" uuid NOT NULL, "org_unit_id" uuid NOT NULL, "code" text NOT NULL, "title" text NOT NULL, "starts_on" date NOT NULL, "ends_on" date NOT NULL, "mode" text NOT NULL, "capacity" integer, "enrollment_policy" text NOT NULL, "timezone" text NOT NULL, "status" text NOT NULL DEFAULT 'planned', "require_final_exam" boolean NOT NULL, "created_by_user_id" uuid, "opened_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "classes_org_unit_code_key" UNIQUE ("org_unit_id", "code"), CONSTRAINT "PK_e207aa15404e9b2ce35910f9f7f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "classes_course_id_idx" ON "classes" ("course_id") `);
    await queryRunner.query(
      `CREATE TABLE "enrollments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "class_id" uuid NOT NULL, "user_id" uuid NOT NULL, "status" text NOT NULL, "source" text NOT NULL, "decided_by_user_id" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "lessons_completed" integer NOT NULL DEFAULT '0', "lessons_total" integer NOT NULL DEFAULT '0', "mandatory_lessons_completed" integer NOT NULL DEFAULT '0', "mandatory_lessons_total" integer NOT NULL DEFAULT '0', "attendance_rate" numeric(5,4), "final_score" numeric(4,2), "classification" text, "completed_at" TIMESTAMP WITH TIME ZONE, "summary_updated_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "enrollments_class_user_key" UNIQUE ("class_id", "user_id"), CONSTRAINT "PK_7c0f752f9fb68bf6ed7367ab00f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "enrollments_user_id_idx" ON "enrollments" ("user_id") `);
    await queryRunner.query(
      `CREATE TABLE "lesson_progress" ("enrollment_id" uuid NOT NULL, "lesson_id" uuid NOT NULL, "completed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_db0cdb221e98de3ff32470ecfed" PRIMARY KEY ("enrollment_id", "lesson_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "class_sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "class_id" uuid NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "lesson_ids" uuid array NOT NULL DEFAULT '{}', "location" text, "check_in_secret" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_dc034da48c6e0cf95c51f606c4e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "class_sessions_class_id_starts_at_idx" ON "class_sessions" ("class_id", "starts_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "class_instructors" ("class_id" uuid NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e2b6a5e6e3d804dddf510fd264d" PRIMARY KEY ("class_id", "user_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "class_instructors_user_id_idx" ON "class_instructors" ("user_id") `);
    await queryRunner.query(
      `CREATE TABLE "bridge_points" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "name" text NOT NULL, "org_unit_id" uuid, "headcount" integer, "headcount_updated_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_ebe2bdc1249cc9ad7d4f5042e79" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "bridge_points_session_id_idx" ON "bridge_points" ("session_id") `);
    await queryRunner.query(
      `CREATE TABLE "attendance_records" ("session_id" uuid NOT NULL, "enrollment_id" uuid NOT NULL, "status" text NOT NULL, "bridge_point_id" uuid, "source" text NOT NULL, "recorded_by_user_id" uuid, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0b697ed233f056ff2a8040e0345" PRIMARY KEY ("session_id", "enrollment_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "attendance_records_enrollment_id_idx" ON "attendance_records" ("enrollment_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "classes" ADD CONSTRAINT "FK_bd4c6c725acd427f07264770ceb" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "classes" ADD CONSTRAINT "FK_d5ccc296b0232ab7364a0894e1b" FOREIGN KEY ("org_unit_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "classes" ADD CONSTRAINT "FK_1a8644c185b7850a965b17bf4ef" FOREIGN KEY ("created_by_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "enrollments" ADD CONSTRAINT "FK_f8b7b5b30f3d3c3c8b81068cd79" FOREIGN KEY ("class_id") REFERENCES "classes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "enrollments" ADD CONSTRAINT "FK_ff997f5a39cd24a491b9aca45c9" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "lesson_progress" ADD CONSTRAINT "FK_2374c15822383f7e5362e27d417" FOREIGN KEY ("enrollment_id") REFERENCES "enrollments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "lesson_progress" ADD CONSTRAINT "FK_980e74721039ebe210fee2eeca2" FOREIGN KEY ("lesson_id") REFERENCES "lessons"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "class_sessions" ADD CONSTRAINT "FK_700b21b3e72e731ec274e22b743" FOREIGN KEY ("class_id") REFERENCES "classes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "class_instructors" ADD CONSTRAINT "FK_4c904a75f6adf63b20e1d358a81" FOREIGN KEY ("class_id") REFERENCES "classes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "class_instructors" ADD CONSTRAINT "FK_15416046e5ecd1beb0a3ee1e945" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "bridge_points" ADD CONSTRAINT "FK_1db07cd9ef5e2449aa46eda24ed" FOREIGN KEY ("session_id") REFERENCES "class_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "bridge_points" ADD CONSTRAINT "FK_50f96c11e39d4c463329df20db9" FOREIGN KEY ("org_unit_id") REFERENCES "org_units"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "attendance_records" ADD CONSTRAINT "FK_c51be2c1149e22de76b17626cb7" FOREIGN KEY ("session_id") REFERENCES "class_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "attendance_records" ADD CONSTRAINT "FK_ac1298d6bec15b271f734c4e5d6" FOREIGN KEY ("enrollment_id") REFERENCES "enrollments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "attendance_records" ADD CONSTRAINT "FK_311ff5bca46e608be89cf6f84e6" FOREIGN KEY ("bridge_point_id") REFERENCES "bridge_points"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "attendance_records" DROP CONSTRAINT "FK_311ff5bca46e608be89cf6f84e6"`);
    await queryRunner.query(`ALTER TABLE "attendance_records" DROP CONSTRAINT "FK_ac1298d6bec15b271f734c4e5d6"`);
    await queryRunner.query(`ALTER TABLE "attendance_records" DROP CONSTRAINT "FK_c51be2c1149e22de76b17626cb7"`);
    await queryRunner.query(`ALTER TABLE "bridge_points" DROP CONSTRAINT "FK_50f96c11e39d4c463329df20db9"`);
    await queryRunner.query(`ALTER TABLE "bridge_points" DROP CONSTRAINT "FK_1db07cd9ef5e2449aa46eda24ed"`);
    await queryRunner.query(`ALTER TABLE "class_instructors" DROP CONSTRAINT "FK_15416046e5ecd1beb0a3ee1e945"`);
    await queryRunner.query(`ALTER TABLE "class_instructors" DROP CONSTRAINT "FK_4c904a75f6adf63b20e1d358a81"`);
    await queryRunner.query(`ALTER TABLE "class_sessions" DROP CONSTRAINT "FK_700b21b3e72e731ec274e22b743"`);
    await queryRunner.query(`ALTER TABLE "lesson_progress" DROP CONSTRAINT "FK_980e74721039ebe210fee2eeca2"`);
    await queryRunner.query(`ALTER TABLE "lesson_progress" DROP CONSTRAINT "FK_2374c15822383f7e5362e27d417"`);
    await queryRunner.query(`ALTER TABLE "enrollments" DROP CONSTRAINT "FK_ff997f5a39cd24a491b9aca45c9"`);
    await queryRunner.query(`ALTER TABLE "enrollments" DROP CONSTRAINT "FK_f8b7b5b30f3d3c3c8b81068cd79"`);
    await queryRunner.query(`ALTER TABLE "classes" DROP CONSTRAINT "FK_1a8644c185b7850a965b17bf4ef"`);
    await queryRunner.query(`ALTER TABLE "classes" DROP CONSTRAINT "FK_d5ccc296b0232ab7364a0894e1b"`);
    await queryRunner.query(`ALTER TABLE "classes" DROP CONSTRAINT "FK_bd4c6c725acd427f07264770ceb"`);
    await queryRunner.query(`DROP INDEX "public"."attendance_records_enrollment_id_idx"`);
    await queryRunner.query(`DROP TABLE "attendance_records"`);
    await queryRunner.query(`DROP INDEX "public"."bridge_points_session_id_idx"`);
    await queryRunner.query(`DROP TABLE "bridge_points"`);
    await queryRunner.query(`DROP INDEX "public"."class_instructors_user_id_idx"`);
    await queryRunner.query(`DROP TABLE "class_instructors"`);
    await queryRunner.query(`DROP INDEX "public"."class_sessions_class_id_starts_at_idx"`);
    await queryRunner.query(`DROP TABLE "class_sessions"`);
    await queryRunner.query(`DROP TABLE "lesson_progress"`);
    await queryRunner.query(`DROP INDEX "public"."enrollments_user_id_idx"`);
    await queryRunner.query(`DROP TABLE "enrollments"`);
    await queryRunner.query(`DROP INDEX "public"."classes_course_id_idx"`);
    await queryRunner.query(`DROP TABLE "classes"`);
  }
}
