import { Injectable, Logger } from '@nestjs/common';
import { JobHandler } from '../../queue/job-handler.decorator';
import { ENROLLMENT_COMPLETED, ENROLLMENT_FAILED } from './enrollment-events';

/**
 * Receives finalised enrolments. Certificates and webhooks subscribe here when they exist; until
 * then the outcome is logged, and the events stay in the outbox history for them.
 */
@Injectable()
export class EnrollmentOutcomeHandler {
  private readonly logger = new Logger(EnrollmentOutcomeHandler.name);

  @JobHandler(ENROLLMENT_COMPLETED)
  completed(payload: { enrollmentId: string; classId: string }): void {
    this.logger.log({ enrollmentId: payload.enrollmentId, classId: payload.classId }, 'enrollment completed');
  }

  @JobHandler(ENROLLMENT_FAILED)
  failed(payload: { enrollmentId: string; classId: string; unmet: string[] }): void {
    this.logger.log(
      { enrollmentId: payload.enrollmentId, classId: payload.classId, unmet: payload.unmet },
      'enrollment failed',
    );
  }
}
