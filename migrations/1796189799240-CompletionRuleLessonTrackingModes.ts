import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Courses store their completion rule whole: the stored rules get the new setting of the class
 * modes where mandatory lessons are tracked, with its default (online and hybrid). Hybrid classes
 * skipped the lesson condition before; that was the bug this setting fixes.
 */

export class CompletionRuleLessonTrackingModes1796189799240 implements MigrationInterface {
  name = 'CompletionRuleLessonTrackingModes1796189799240';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "courses" SET "completion_rule" = "completion_rule" || '{"lessonTrackingModes": ["online", "hybrid"]}'
        WHERE NOT "completion_rule" ? 'lessonTrackingModes'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE "courses" SET "completion_rule" = "completion_rule" - 'lessonTrackingModes'`);
  }
}
