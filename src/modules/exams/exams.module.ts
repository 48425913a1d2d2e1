import { Module } from '@nestjs/common';
import { QueueModule } from '../../queue/queue.module';
import { AccessModule } from '../access/access.module';
import { ClassesModule } from '../classes/classes.module';
import { EnrollmentsModule } from '../enrollments/enrollments.module';
import { QuestionBankModule } from '../question-bank/question-bank.module';
import { AttemptsService } from './attempts.service';
import { AttemptsRepository } from './attempts.repository';
import { QUESTION_KEY_CHANGED } from '../question-bank/question-bank.service';
import { ATTEMPT_DEADLINE, ATTEMPT_SUBMITTED, EXAM_SUBSCRIBERS, GRADING_BATCH } from './exam-events';
import { ExamsController } from './exams.controller';
import { ExamsRepository } from './exams.repository';
import { ExamsService } from './exams.service';
import { GradingService } from './grading.service';

@Module({
  imports: [
    AccessModule,
    ClassesModule,
    EnrollmentsModule,
    QuestionBankModule,
    QueueModule.forFeature([
      { name: EXAM_SUBSCRIBERS.gradeSubmitted, topic: ATTEMPT_SUBMITTED, queue: 'grading', batch: GRADING_BATCH },
      { name: EXAM_SUBSCRIBERS.submitAtDeadline, topic: ATTEMPT_DEADLINE, queue: 'grading' },
      { name: EXAM_SUBSCRIBERS.regradeOnKeyChange, topic: QUESTION_KEY_CHANGED, queue: 'grading' },
    ]),
  ],
  controllers: [ExamsController],
  providers: [ExamsService, AttemptsService, GradingService, ExamsRepository, AttemptsRepository],
  exports: [ExamsService],
})
export class ExamsModule {}
