import { CertificateIssuanceService } from '../modules/certificates/certificate-issuance.service';
import { runCommand } from './run-command';

/**
 * `npm run certificates:backfill`: issues the certificates of enrolments that completed before
 * certificates existed, then exits. Idempotent; the worker also runs it at each start.
 */
runCommand('backfill', async (app) => {
  const issued = await app.get(CertificateIssuanceService).backfill();
  process.stdout.write(`lyluan: backfill issued ${issued} certificates\n`);
});
