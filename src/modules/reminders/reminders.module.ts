import { Module } from '@nestjs/common';
import { QueueModule } from '../../queue/queue.module';
import { AccessModule } from '../access/access.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { REMINDER_DUE, REMINDER_JOBS, REMINDER_PAGE_DUE, SESSION_RESCHEDULED } from './reminder-events';
import { RemindersController } from './reminders.controller';
import { RemindersJobs } from './reminders.jobs';
import { RemindersRepository } from './reminders.repository';
import { RemindersService } from './reminders.service';

@Module({
  imports: [
    AccessModule,
    NotificationsModule,
    QueueModule.forFeature([
      { name: REMINDER_JOBS.scan, queue: 'notifications', schedule: '* * * * *', attempts: 1 },
      { name: REMINDER_JOBS.fanOut, topic: REMINDER_DUE, queue: 'notifications' },
      { name: REMINDER_JOBS.fanOutPage, topic: REMINDER_PAGE_DUE, queue: 'notifications' },
      { name: REMINDER_JOBS.cancelMoved, topic: SESSION_RESCHEDULED, queue: 'notifications' },
    ]),
  ],
  controllers: [RemindersController],
  providers: [RemindersRepository, RemindersService, RemindersJobs],
})
export class RemindersModule {}
