import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An outbox event is a fact with any number of subscribers: one row per (event, subscriber),
 * sharing `event_id`, each with its own status and retries; a producer key is unique per subscriber.
 *
 * Existing rows become one event each, delivered to the subscriber that now handles their topic.
 * `enrollment.completed` / `enrollment.failed` rows go: their only handler logged the outcome, and
 * they have no subscriber yet. Enqueued rows are sent again: their jobs in Redis carry the old job
 * name (the topic), which no handler answers to any more; the row lock makes a repeat harmless.
 */
export class OutboxRowsPerSubscriber1796189939185 implements MigrationInterface {
  name = 'OutboxRowsPerSubscriber1796189939185';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DELETE FROM "outbox_events" WHERE "topic" IN ('enrollment.completed', 'enrollment.failed')`,
    );
    await queryRunner.query(`ALTER TABLE "outbox_events" ADD "event_id" uuid`);
    await queryRunner.query(`ALTER TABLE "outbox_events" ADD "subscriber" text`);
    await queryRunner.query(
      `UPDATE "outbox_events" SET "event_id" = "id",
              "subscriber" = CASE "topic"
                WHEN 'attempt.submitted' THEN 'exams.grade-submitted'
                WHEN 'attempt.deadline' THEN 'exams.submit-at-deadline'
                WHEN 'question.key_changed' THEN 'exams.regrade-on-key-change'
                WHEN 'enrollment.progress_changed' THEN 'enrollments.refresh-progress'
                WHEN 'imports.users' THEN 'users.run-import'
                WHEN 'imports.enrollments' THEN 'enrollments.run-import'
                WHEN 'org-units.change-due' THEN 'org-units.apply-change'
                ELSE "topic" END`,
    );
    await queryRunner.query(
      `UPDATE "outbox_events" SET "status" = 'pending', "job_id" = NULL, "enqueued_at" = NULL, "updated_at" = now()
        WHERE "status" = 'enqueued'`,
    );
    await queryRunner.query(`ALTER TABLE "outbox_events" ALTER COLUMN "event_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "outbox_events" ALTER COLUMN "subscriber" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "outbox_events" DROP CONSTRAINT "UQ_07121831383f239a044f95eab04"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "outbox_events_dedupe_key_subscriber_key" ON "outbox_events" ("dedupe_key", "subscriber") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."outbox_events_dedupe_key_subscriber_key"`);
    // One row per producer key again: the oldest of an event's subscribers stays.
    await queryRunner.query(
      `DELETE FROM "outbox_events" a USING "outbox_events" b WHERE a."dedupe_key" = b."dedupe_key" AND a."seq" > b."seq"`,
    );
    await queryRunner.query(
      `ALTER TABLE "outbox_events" ADD CONSTRAINT "UQ_07121831383f239a044f95eab04" UNIQUE ("dedupe_key")`,
    );
    await queryRunner.query(`ALTER TABLE "outbox_events" DROP COLUMN "subscriber"`);
    await queryRunner.query(`ALTER TABLE "outbox_events" DROP COLUMN "event_id"`);
  }
}
