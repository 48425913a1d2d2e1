import { SetMetadata } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { EntityManager } from 'typeorm';

export const JOB_HANDLER = Symbol('lyluan:job-handler');

export interface JobContext {
  /** A transaction that also marks the outbox event done: the handler's writes and that mark commit together. */
  em: EntityManager;
  job: Job;
  /** 1 on the first run, then 2, 3… on retries. */
  attempt: number;
}

export type JobHandlerMethod = (payload: Record<string, unknown>, context: JobContext) => Promise<unknown>;

/** Marks a provider method as the handler of one declared job name. */
export const JobHandler = (name: string) => SetMetadata(JOB_HANDLER, name);
