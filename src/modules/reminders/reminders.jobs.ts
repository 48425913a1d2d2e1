import { Injectable } from '@nestjs/common';
import { JobContext, JobHandler } from '../../queue/job-handler.decorator';
import type { TopicPayloads } from '../../queue/topics';
import { REMINDER_JOBS } from './reminder-events';
import { RemindersService } from './reminders.service';

/** The scheduled scan and the reminders' subscribers. */
@Injectable()
export class RemindersJobs {
  constructor(private readonly reminders: RemindersService) {}

  @JobHandler(REMINDER_JOBS.scan)
  async scan(_payload: Record<string, unknown>, { em }: JobContext): Promise<{ due: number }> {
    return { due: await this.reminders.scan(em, new Date()) };
  }

  @JobHandler(REMINDER_JOBS.fanOut)
  async fanOut(payload: Record<string, unknown>, { em }: JobContext): Promise<{ notified: number }> {
    return { notified: await this.reminders.fanOut(em, payload as TopicPayloads['reminder.due']) };
  }

  @JobHandler(REMINDER_JOBS.fanOutPage)
  async fanOutPage(payload: Record<string, unknown>, { em }: JobContext): Promise<{ notified: number }> {
    return { notified: await this.reminders.fanOut(em, payload as TopicPayloads['reminder.page_due']) };
  }

  @JobHandler(REMINDER_JOBS.cancelMoved)
  async cancelMoved(payload: Record<string, unknown>, { em }: JobContext): Promise<{ cancelled: number }> {
    return { cancelled: await this.reminders.cancelMoved(em, payload as TopicPayloads['session.rescheduled']) };
  }
}
