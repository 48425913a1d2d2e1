import { MigrationInterface, QueryRunner } from 'typeorm';

/** Short answers may accept answers for part of the points (GIFT's `=%50%…`), stored with the key. */

export class ShortAnswerPartialAnswers1796190261538 implements MigrationInterface {
  name = 'ShortAnswerPartialAnswers1796190261538';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "questions" ADD "partial_answers" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "questions" DROP COLUMN "partial_answers"`);
  }
}
