import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether a graded attempt passed its exam's pass mark, stored with the score when grading.
 * Attempts graded before this column existed get it from their score and the exam's mark.
 */

export class AttemptPassed1796189543002 implements MigrationInterface {
  name = 'AttemptPassed1796189543002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "exam_attempts" ADD "passed" boolean`);
    await queryRunner.query(
      `UPDATE "exam_attempts" a SET "passed" = a."score10" >= e."pass_mark"
         FROM "exams" e WHERE e."id" = a."exam_id" AND a."status" = 'graded' AND a."score10" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "exam_attempts" DROP COLUMN "passed"`);
  }
}
