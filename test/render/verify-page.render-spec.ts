import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { renderVerificationNotFoundPage, renderVerificationPage } from '../../src/modules/certificates/verify-page';
import { sampleContent, sampleVerification } from '../support/certificate-samples';
import { chromiumPath, outputDir } from './support/tools';

const PHONE = { width: 360, height: 640 };

describe('the verification page in Chromium on a 360 px phone', () => {
  let browser: Browser;
  const output = outputDir('verify-page');

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true });
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** Loads the page, checks it fits the screen's width, keeps a screenshot, and hands back its text. */
  async function show(html: string, screenshot: string): Promise<string> {
    const page: Page = await browser.newPage({ viewport: PHONE });
    try {
      await page.setContent(html);
      // A string, since the project's types have no DOM: this runs in the page.
      const scrollWidth = await page.evaluate<number>('document.scrollingElement.scrollWidth');
      expect(scrollWidth).toBeLessThanOrEqual(PHONE.width);
      await page.screenshot({ path: join(output, screenshot), fullPage: true });
      return await page.innerText('body');
    } finally {
      await page.close();
    }
  }

  it('shows a valid certificate: who, which programme, the classification, "Còn hiệu lực"', async () => {
    const text = await show(renderVerificationPage(sampleVerification()), 'valid.png');
    expect(text).toContain('Còn hiệu lực');
    expect(text).toContain('Nguyễn Thị Hồng Nhung');
    expect(text).toContain('Bồi dưỡng lý luận chính trị cho đảng viên mới');
    expect(text).toContain('Giỏi');
    expect(text).toContain('TCT-BN/2026/000123');
  });

  it('shows a revoked certificate as revoked, with the day and the reason', async () => {
    const revoked = sampleVerification({
      status: 'revoked',
      revokedAt: '2026-05-31T18:30:00.000Z',
      revocationReason: 'Cấp nhầm cho người chưa hoàn thành khóa học',
    });
    const text = await show(renderVerificationPage(revoked), 'revoked.png');
    expect(text).toContain('Đã thu hồi');
    expect(text).toContain('thu hồi ngày 01/06/2026');
    expect(text).toContain('Cấp nhầm cho người chưa hoàn thành khóa học');
    expect(text).not.toContain('Còn hiệu lực');
  });

  it('shows a superseded certificate as replaced by a reissue', async () => {
    const superseded = sampleVerification({
      status: 'superseded',
      supersededAt: '2026-04-02T02:00:00.000Z',
      supersededReason: 'Sai ngày sinh của học viên',
    });
    const text = await show(renderVerificationPage(superseded), 'superseded.png');
    expect(text).toContain('Đã được thay thế');
    expect(text).toContain('Sai ngày sinh của học viên');
  });

  it('keeps long unbroken values inside the screen', async () => {
    const long = sampleVerification(
      { verifyUrl: `https://lyluan.example.vn/verify/${'x'.repeat(120)}` },
      sampleContent({ learner: { fullName: 'Nguyễn' + 'ễ'.repeat(80), dateOfBirth: null } }),
    );
    const text = await show(renderVerificationPage(long), 'long-values.png');
    expect(text).toContain('x'.repeat(120));
  });

  it('shows an unknown code as not found, with a hint', async () => {
    const text = await show(renderVerificationNotFoundPage(), 'not-found.png');
    expect(text).toContain('Không tìm thấy giấy chứng nhận');
    expect(text).toContain('kiểm tra lại mã');
  });
});
