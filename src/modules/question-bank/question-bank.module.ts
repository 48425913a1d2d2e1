import { forwardRef, Module } from '@nestjs/common';
import { CurriculaModule } from '../curricula/curricula.module';
import { QuestionBankService } from './question-bank.service';
import { QuestionsController } from './questions.controller';

@Module({
  imports: [forwardRef(() => CurriculaModule)],
  controllers: [QuestionsController],
  providers: [QuestionBankService],
  exports: [QuestionBankService],
})
export class QuestionBankModule {}
