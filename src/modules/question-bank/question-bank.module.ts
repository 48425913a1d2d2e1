import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { QuestionBankService } from './question-bank.service';
import { QuestionsRepository } from './questions.repository';
import { QuestionsController } from './questions.controller';

@Module({
  imports: [AccessModule],
  controllers: [QuestionsController],
  providers: [QuestionBankService, QuestionsRepository],
  exports: [QuestionBankService],
})
export class QuestionBankModule {}
