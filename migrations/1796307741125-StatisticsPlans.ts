import { MigrationInterface, QueryRunner } from 'typeorm';

export class StatisticsPlans1796307741125 implements MigrationInterface {
  name = 'StatisticsPlans1796307741125';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "stats_plans" ("org_unit_id" uuid NOT NULL, "year" integer NOT NULL, "program_id" uuid NOT NULL, "planned_classes" integer NOT NULL, "planned_learners" integer NOT NULL, "updated_by_user_id" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bc65a50d37df9eaa4f3a365aea3" PRIMARY KEY ("org_unit_id", "year", "program_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "stats_plans" ADD CONSTRAINT "FK_19804d28c2ce7fa96648d6313cf" FOREIGN KEY ("org_unit_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "stats_plans" ADD CONSTRAINT "FK_43e9b24222cbd0b1a1532afb833" FOREIGN KEY ("program_id") REFERENCES "programs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "stats_plans" DROP CONSTRAINT "FK_43e9b24222cbd0b1a1532afb833"`);
    await queryRunner.query(`ALTER TABLE "stats_plans" DROP CONSTRAINT "FK_19804d28c2ce7fa96648d6313cf"`);
    await queryRunner.query(`DROP TABLE "stats_plans"`);
  }
}
