import { Injectable, Logger } from '@nestjs/common';
import { JobHandler } from '../../queue/job-handler.decorator';
import { QUESTION_KEY_CHANGED } from './question-bank.service';

/**
 * Receives key corrections. Exams subscribe their regrading here once they exist; until then a key
 * change has no attempt to rescore, and the event is only logged.
 */
@Injectable()
export class QuestionKeyChangedHandler {
  private readonly logger = new Logger(QuestionKeyChangedHandler.name);

  @JobHandler(QUESTION_KEY_CHANGED)
  handle(payload: { questionId: string; courseId: string }): void {
    this.logger.log({ questionId: payload.questionId, courseId: payload.courseId }, 'question key changed');
  }
}
