import { Module } from '@nestjs/common';
import { QueueModule } from '../../queue/queue.module';
import { AccessModule } from '../access/access.module';
import { QUESTION_KEY_CHANGED, QuestionBankService } from './question-bank.service';
import { QuestionsController } from './questions.controller';

@Module({
  imports: [AccessModule, QueueModule.forFeature([{ name: QUESTION_KEY_CHANGED, queue: 'grading' }])],
  controllers: [QuestionsController],
  providers: [QuestionBankService],
  exports: [QuestionBankService],
})
export class QuestionBankModule {}
