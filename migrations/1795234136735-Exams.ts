import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exams of a class, attempts (drawn questions, server-fixed deadline, result) and their answers
 * (saved value, points, manual grading), indexed by question for regrading.
 */

export class Exams1795234136735 implements MigrationInterface {
  name = 'Exams1795234136735';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "exams" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "class_id" uuid NOT NULL, "title" text NOT NULL, "kind" text NOT NULL, "opens_at" TIMESTAMP WITH TIME ZONE NOT NULL, "closes_at" TIMESTAMP WITH TIME ZONE NOT NULL, "time_limit_minutes" integer NOT NULL, "max_attempts" integer NOT NULL, "pass_mark" numeric(4,2) NOT NULL, "question_ids" uuid array, "draw" jsonb, "shuffle" boolean NOT NULL DEFAULT false, "grading_policy" text NOT NULL, "created_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b43159ee3efa440952794b4f53e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "exams_class_id_idx" ON "exams" ("class_id") `);
    await queryRunner.query(
      `CREATE TABLE "exam_attempts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "exam_id" uuid NOT NULL, "enrollment_id" uuid NOT NULL, "user_id" uuid NOT NULL, "number" integer NOT NULL, "status" text NOT NULL DEFAULT 'in_progress', "questions" jsonb NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "deadline" TIMESTAMP WITH TIME ZONE NOT NULL, "submitted_at" TIMESTAMP WITH TIME ZONE, "submitted_by" text, "graded_at" TIMESTAMP WITH TIME ZONE, "score" numeric(8,2), "max_score" numeric(8,2) NOT NULL, "score10" numeric(4,2), "classification" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "exam_attempts_exam_enrollment_number_key" UNIQUE ("exam_id", "enrollment_id", "number"), CONSTRAINT "PK_4eb6c7775e0a9c178ef7f4826f9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "exam_attempts_enrollment_id_idx" ON "exam_attempts" ("enrollment_id") `);
    await queryRunner.query(
      `CREATE TABLE "attempt_answers" ("attempt_id" uuid NOT NULL, "question_id" uuid NOT NULL, "value" jsonb, "saved_at" TIMESTAMP WITH TIME ZONE, "points" numeric(7,2), "comment" text, "graded_by_user_id" uuid, "graded_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_481462ba60b9c3d57495c0ff96e" PRIMARY KEY ("attempt_id", "question_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "attempt_answers_question_id_idx" ON "attempt_answers" ("question_id") `);
    await queryRunner.query(
      `ALTER TABLE "exams" ADD CONSTRAINT "FK_7fe60823f5f2c03867eafba8fa9" FOREIGN KEY ("class_id") REFERENCES "classes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "exam_attempts" ADD CONSTRAINT "FK_cccf5df8532bd51cf017f4a30a6" FOREIGN KEY ("exam_id") REFERENCES "exams"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "exam_attempts" ADD CONSTRAINT "FK_1621f2a98613dd71a083e49efe7" FOREIGN KEY ("enrollment_id") REFERENCES "enrollments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "attempt_answers" ADD CONSTRAINT "FK_32015c863766540050618a1165c" FOREIGN KEY ("attempt_id") REFERENCES "exam_attempts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "attempt_answers" DROP CONSTRAINT "FK_32015c863766540050618a1165c"`);
    await queryRunner.query(`ALTER TABLE "exam_attempts" DROP CONSTRAINT "FK_1621f2a98613dd71a083e49efe7"`);
    await queryRunner.query(`ALTER TABLE "exam_attempts" DROP CONSTRAINT "FK_cccf5df8532bd51cf017f4a30a6"`);
    await queryRunner.query(`ALTER TABLE "exams" DROP CONSTRAINT "FK_7fe60823f5f2c03867eafba8fa9"`);
    await queryRunner.query(`DROP INDEX "public"."attempt_answers_question_id_idx"`);
    await queryRunner.query(`DROP TABLE "attempt_answers"`);
    await queryRunner.query(`DROP INDEX "public"."exam_attempts_enrollment_id_idx"`);
    await queryRunner.query(`DROP TABLE "exam_attempts"`);
    await queryRunner.query(`DROP INDEX "public"."exams_class_id_idx"`);
    await queryRunner.query(`DROP TABLE "exams"`);
  }
}
