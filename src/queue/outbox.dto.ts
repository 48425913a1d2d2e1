import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../common/pagination';
import { OUTBOX_STATUSES, OutboxEvent, OutboxStatus } from './outbox-event.entity';

export class ListOutboxEventsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: OUTBOX_STATUSES })
  @IsOptional()
  @IsIn(OUTBOX_STATUSES)
  status?: OutboxStatus;

  @ApiPropertyOptional({ example: 'outbox.purge' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  topic?: string;

  @ApiPropertyOptional({ example: 'exams.grade-submitted' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  subscriber?: string;
}

export class OutboxEventView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid', description: 'The published fact; the rows of its subscribers share it' })
  eventId: string;

  @ApiProperty()
  topic: string;

  @ApiProperty({ description: 'The subscriber this row delivers the event to; it has its own status and retries' })
  subscriber: string;

  @ApiProperty({ enum: OUTBOX_STATUSES })
  status: OutboxStatus;

  @ApiProperty({ type: 'object', additionalProperties: true })
  payload: Record<string, unknown>;

  @ApiProperty({ description: 'Bumped by each admin retry; part of the job id' })
  generation: number;

  @ApiProperty({ description: 'Attempts made in the current generation' })
  attempts: number;

  @ApiProperty({ type: String, nullable: true })
  lastError: string | null;

  @ApiProperty({ format: 'date-time' })
  availableAt: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The BullMQ job that carries the event once it is enqueued; the rows of a batch share it',
  })
  jobId: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  enqueuedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  processedAt: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  static from(event: OutboxEvent): OutboxEventView {
    return {
      id: event.id,
      eventId: event.eventId,
      topic: event.topic,
      subscriber: event.subscriber,
      status: event.status,
      payload: event.payload,
      generation: event.generation,
      attempts: event.attempts,
      lastError: event.lastError,
      availableAt: event.availableAt.toISOString(),
      jobId: event.jobId,
      enqueuedAt: event.enqueuedAt?.toISOString() ?? null,
      processedAt: event.processedAt?.toISOString() ?? null,
      createdAt: event.createdAt.toISOString(),
    };
  }
}
