import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Environment } from '../../config/environment';
import { CertificateIssuanceService } from './certificate-issuance.service';

/**
 * At start, in the processes that run jobs: certificates for enrolments completed before
 * certificates existed. In the background, so a large backfill does not hold up serving; the same
 * runs as `npm run certificates:backfill`.
 */
@Injectable()
export class CertificateBackfill implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(CertificateBackfill.name);
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly issuance: CertificateIssuanceService,
    private readonly env: Environment,
  ) {}

  onApplicationBootstrap(): void {
    if (this.env.PROCESS_ROLE === 'api') return;
    this.running = this.issuance.backfill().catch((error: Error) => {
      this.logger.error(`Certificate backfill stopped: ${error.message}; it runs again at the next start`);
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.running;
  }
}
