import { MigrationInterface, QueryRunner } from 'typeorm';

/** The sheet of an uploaded workbook an import reads (`?sheet=`); null: the first. */
export class ImportSheet1796305418022 implements MigrationInterface {
  name = 'ImportSheet1796305418022';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "imports" ADD "sheet" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "imports" DROP COLUMN "sheet"`);
  }
}
