import { Module } from '@nestjs/common';
import { QueueModule } from '../../queue/queue.module';
import { AccessModule } from '../access/access.module';
import { ClassesModule } from '../classes/classes.module';
import { AttemptsService } from './attempts.service';
import { ATTEMPT_DEADLINE, ATTEMPT_SUBMITTED, GRADING_BATCH } from './exam-events';
import { ExamsController } from './exams.controller';
import { ExamsService } from './exams.service';
import { GradingService } from './grading.service';

@Module({
  imports: [
    AccessModule,
    ClassesModule,
    QueueModule.forFeature([
      { name: ATTEMPT_SUBMITTED, queue: 'grading', batch: GRADING_BATCH },
      { name: ATTEMPT_DEADLINE, queue: 'grading' },
    ]),
  ],
  controllers: [ExamsController],
  providers: [ExamsService, AttemptsService, GradingService],
})
export class ExamsModule {}
