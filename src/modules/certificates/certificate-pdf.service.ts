import { Injectable } from '@nestjs/common';
import { Environment } from '../../config/environment';
import { BatchJobHandler, JobContext } from '../../queue/job-handler.decorator';
import type { TopicPayloads } from '../../queue/topics';
import { FileStorage, sha256Hex } from '../../storage/storage';
import { CERTIFICATE_SUBSCRIBERS } from './certificate-events';
import { CertificatesRepository } from './certificates.repository';
import { verifyUrl } from './issuance';
import { renderCertificatePdf } from './pdf/certificate-pdf';

/**
 * Makes each issued certificate's PDF and stores it by the file's SHA-256. Rendering is
 * deterministic, so a retried job writes the same bytes under the same key.
 */
@Injectable()
export class CertificatePdfService {
  constructor(
    private readonly certificates: CertificatesRepository,
    private readonly storage: FileStorage,
    private readonly env: Environment,
  ) {}

  @BatchJobHandler(CERTIFICATE_SUBSCRIBERS.renderPdf)
  async onIssued(payloads: TopicPayloads['certificate.issued'][], { em }: JobContext): Promise<void> {
    for (const { certificateId } of payloads) {
      const found = await this.certificates.find(em, certificateId);
      if (!found?.content || !found.verificationCode || found.pdfKey) continue;
      const pdf = await renderCertificatePdf(
        found.content,
        verifyUrl(this.env.PUBLIC_BASE_URL, found.verificationCode),
      );
      const hash = sha256Hex(pdf);
      const key = `certificates/${hash.slice(0, 2)}/${hash}.pdf`;
      await this.storage.put(key, pdf);
      await this.certificates.update(em, certificateId, { pdfKey: key });
    }
  }
}
