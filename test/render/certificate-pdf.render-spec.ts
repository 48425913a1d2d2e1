import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderCertificatePdf } from '../../src/modules/certificates/pdf/certificate-pdf';
import { LONGEST_CERTIFICATE, SAMPLE_VERIFY_URL } from '../support/certificate-samples';
import { outputDir, poppler, qrOnPage } from './support/tools';

// The fields printed as stored and the QR code are checked on issued certificates through the API
// (certificates.render-spec.ts); this covers what the API cannot produce cheaply: the longest content.
describe('certificate PDF through poppler', () => {
  const output = outputDir('certificate-pdf');

  it('keeps the longest fields the API accepts on one page with a readable QR code', async () => {
    const pdfPath = join(output, 'certificate-longest.pdf');
    writeFileSync(pdfPath, await renderCertificatePdf(LONGEST_CERTIFICATE, SAMPLE_VERIFY_URL));
    poppler('pdftoppm', ['-png', '-r', '150', '-singlefile', pdfPath, join(output, 'certificate-longest')]);

    expect(poppler('pdfinfo', [pdfPath])).toMatch(/^Pages:\s+1$/m);
    expect(qrOnPage(readFileSync(join(output, 'certificate-longest.png')))).toBe(SAMPLE_VERIFY_URL);
  });
});
