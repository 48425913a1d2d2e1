import { join } from 'node:path';
import { Browser, chromium } from 'playwright-core';
import { renderVerificationPage } from '../../src/modules/certificates/verify-page';
import { sampleContent, sampleVerification } from '../support/certificate-samples';
import { chromiumPath, outputDir } from './support/tools';

const PHONE = { width: 360, height: 640 };

// Each status of the page is checked on issued certificates through the API
// (certificates.render-spec.ts); this covers values longer than the API lets a certificate carry.
describe('the verification page in Chromium on a 360 px phone', () => {
  let browser: Browser;
  const output = outputDir('verify-page');

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('keeps long unbroken values inside the screen', async () => {
    const long = sampleVerification(
      { verifyUrl: `https://lyluan.example.vn/verify/${'x'.repeat(120)}` },
      sampleContent({ learner: { fullName: 'Nguyễn' + 'ễ'.repeat(80), dateOfBirth: null } }),
    );
    const page = await browser.newPage({ viewport: PHONE });
    try {
      await page.setContent(renderVerificationPage(long));
      // A string, since the project's types have no DOM: this runs in the page.
      expect(await page.evaluate<number>('document.scrollingElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
      await page.screenshot({ path: join(output, 'long-values.png'), fullPage: true });
      expect(await page.innerText('body')).toContain('x'.repeat(120));
    } finally {
      await page.close();
    }
  });
});
