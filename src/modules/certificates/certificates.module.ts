import { Module } from '@nestjs/common';
import { QueueModule } from '../../queue/queue.module';
import { AccessModule } from '../access/access.module';
import { ENROLLMENT_COMPLETED } from '../enrollments/enrollment-events';
import {
  CERTIFICATE_ISSUED,
  CERTIFICATE_SETTINGS_SAVED,
  CERTIFICATE_SUBSCRIBERS,
  ISSUE_BATCH,
  RENDER_BATCH,
} from './certificate-events';
import { CertificateBackfill } from './certificate-backfill';
import { CertificateIssuanceService } from './certificate-issuance.service';
import { CertificatePdfService } from './certificate-pdf.service';
import { CertificatesController } from './certificates.controller';
import { CertificatesRepository } from './certificates.repository';
import { CertificatesService } from './certificates.service';
import { CertificateStatusList } from './certificate-status-list';
import { CredentialsController } from './credentials/credentials.controller';
import { CredentialsService } from './credentials/credentials.service';
import { StatusListSource } from './credentials/status-list-source';
import { VerificationController } from './verification.controller';
import { VerifyRateLimit } from './verify-rate-limit';

@Module({
  imports: [
    AccessModule,
    QueueModule.forFeature([
      {
        name: CERTIFICATE_SUBSCRIBERS.issueOnCompletion,
        topic: ENROLLMENT_COMPLETED,
        queue: 'certificates',
        batch: ISSUE_BATCH,
      },
      { name: CERTIFICATE_SUBSCRIBERS.issuePending, topic: CERTIFICATE_SETTINGS_SAVED, queue: 'certificates' },
      {
        name: CERTIFICATE_SUBSCRIBERS.renderPdf,
        topic: CERTIFICATE_ISSUED,
        queue: 'certificates',
        batch: RENDER_BATCH,
      },
    ]),
  ],
  controllers: [CertificatesController, VerificationController, CredentialsController],
  providers: [
    CertificatesRepository,
    CertificatesService,
    CertificateIssuanceService,
    CertificatePdfService,
    CertificateBackfill,
    VerifyRateLimit,
    CredentialsService,
    { provide: StatusListSource, useClass: CertificateStatusList },
  ],
  exports: [CertificatesService],
})
export class CertificatesModule {}
