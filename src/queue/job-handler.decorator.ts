import { applyDecorators, SetMetadata } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { EntityManager } from 'typeorm';

export const JOB_HANDLER = Symbol('lyluan:job-handler');
export const JOB_BATCH = Symbol('lyluan:job-batch');

export interface JobContext {
  /** A transaction that also marks the outbox event done: the handler's writes and that mark commit together. */
  em: EntityManager;
  job: Job;
  /** 1 on the first run, then 2, 3… on retries. */
  attempt: number;
}

export type JobHandlerMethod = (payload: Record<string, unknown>, context: JobContext) => Promise<unknown>;
export type BatchJobHandlerMethod = (payloads: Record<string, unknown>[], context: JobContext) => Promise<unknown>;

/** Marks a provider method as the handler of one declared job name. */
export const JobHandler = (name: string) => SetMetadata(JOB_HANDLER, name);

/**
 * Marks a provider method as the handler of a job declared with `batch`: it receives the payloads
 * of several outbox events at once and handles them in one transaction.
 */
export const BatchJobHandler = (name: string) =>
  applyDecorators(SetMetadata(JOB_HANDLER, name), SetMetadata(JOB_BATCH, true));
