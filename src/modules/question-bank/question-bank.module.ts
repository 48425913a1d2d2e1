import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { QuestionBankService } from './question-bank.service';
import { QuestionsController } from './questions.controller';

@Module({
  imports: [AccessModule],
  controllers: [QuestionsController],
  providers: [QuestionBankService],
  exports: [QuestionBankService],
})
export class QuestionBankModule {}
