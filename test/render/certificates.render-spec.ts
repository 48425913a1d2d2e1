import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { todayIn } from '../../src/common/calendar';
import { CertificateContent, contentHash } from '../../src/modules/certificates/certificate-content';
import { Headers, loginAs, referenceCourseId, unitId } from '../support/actors';
import { certificatesOf, runClass, saveSettings } from '../support/certificates';
import { TestApp } from '../support/test-app';
import { useServedTestApp } from './support/served-app';
import { chromiumPath, outputDir, poppler, qrOnPage } from './support/tools';
import { binary } from '../support/binary';

const PHONE = { width: 360, height: 640 };

const LEARNERS = [
  { username: 'render.1', fullName: 'Nguyễn Thị Hồng Nhung', dateOfBirth: '1994-03-07' },
  // Decomposed, as some keyboards type it: what is stored and printed must still be NFC.
  { username: 'render.2', fullName: 'Đặng Quốc Việt'.normalize('NFD'), dateOfBirth: '1988-11-25' },
];

interface Issued {
  id: string;
  verifyUrl: string;
  content: CertificateContent;
  contentHash: string;
}

const dayMonthYear = (day: string) => day.split('-').reverse().join('/');

/**
 * Acceptance 2 and 4 of issue 12 on certificates the running app issued when a class closed: the
 * stored PDF through poppler and jsQR, the verify page its QR leads to in Chromium on a phone.
 */
describe('issued certificates: the stored PDF and the verify page of the served app', () => {
  const served = useServedTestApp();
  const output = outputDir('certificates');
  let t: TestApp & { origin: string };
  let schoolAdmin: Headers;
  let browser: Browser;
  const issued: Record<string, Issued> = {};

  beforeAll(async () => {
    t = served();
    schoolAdmin = await loginAs(t, 'qtv.tuyenquang');
    await saveSettings(t, schoolAdmin, 'TCT-TUYENQUANG');
    const run = await runClass(
      t,
      schoolAdmin,
      { courseId: await referenceCourseId(t), orgUnitId: await unitId(t, 'TCT-TUYENQUANG') },
      LEARNERS.map((l) => ({ ...l, outcome: 'present' as const })),
    );
    const certificates: { id: string; enrollmentId: string }[] = await certificatesOf(
      t,
      schoolAdmin,
      run.classId,
      LEARNERS.length,
    );
    for (const { username } of LEARNERS) {
      const { id } = certificates.find((c) => c.enrollmentId === run.enrollmentOf[username])!;
      const view = await t.http().get(`/api/v1/certificates/${id}`).set(schoolAdmin).expect(200);
      const [row] = await t.dataSource.query(`SELECT content, content_hash FROM certificates WHERE id = $1`, [id]);
      issued[username] = { id, verifyUrl: view.body.verifyUrl, content: row.content, contentHash: row.content_hash };
    }
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true });
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function downloadPdf(id: string): Promise<Buffer> {
    const res = await t
      .http()
      .get(`/api/v1/certificates/${id}/pdf`)
      .set(schoolAdmin)
      .buffer(true)
      .parse(binary)
      .expect(200)
      .expect('content-type', 'application/pdf');
    return res.body as Buffer;
  }

  /** The page's text once it has loaded, after checking it fits the screen's width and keeping a screenshot. */
  async function show(page: Page, screenshot: string): Promise<string> {
    // A string, since the project's types have no DOM: this runs in the page.
    expect(await page.evaluate<number>('document.scrollingElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: join(output, screenshot), fullPage: true });
    return page.innerText('body');
  }

  const verifyJson = async (verifyUrl: string) =>
    (await t.http().get(new URL(verifyUrl).pathname).set('accept', 'application/json').expect(200)).body;

  it('prints each stored field in the PDF, in NFC, and its QR code reads as the verify URL', async () => {
    for (const { username, fullName } of LEARNERS) {
      const { id, verifyUrl, content } = issued[username];
      expect(content.learner.fullName).toBe(fullName.normalize('NFC'));
      expect(verifyUrl.startsWith(`${t.origin}/verify/`)).toBe(true);
      const pdfPath = join(output, `${username}.pdf`);
      writeFileSync(pdfPath, await downloadPdf(id));
      poppler('pdftoppm', ['-png', '-r', '150', '-singlefile', pdfPath, join(output, username)]);
      const text = poppler('pdftotext', ['-layout', '-enc', 'UTF-8', pdfPath, '-']);

      for (const printed of [
        content.learner.fullName,
        `Ngày sinh: ${dayMonthYear(content.learner.dateOfBirth!)}`,
        content.program.name,
        `Xếp loại: ${content.result.classificationLabel}`,
        `Số: ${content.serial}`,
      ]) {
        expect(text).toContain(printed);
      }
      expect(text.normalize('NFC')).toBe(text);
      expect(qrOnPage(readFileSync(join(output, `${username}.png`)))).toBe(verifyUrl);
    }
  });

  it('shows the certificate as valid on a phone, and as revoked with the reason once revoked', async () => {
    const { id, verifyUrl, content, contentHash: storedHash } = issued['render.1'];
    const reason = 'Cấp nhầm: học viên chưa hoàn thành đủ số buổi học';
    const page = await browser.newPage({ viewport: PHONE });
    try {
      expect((await page.goto(verifyUrl))?.status()).toBe(200);
      const valid = await show(page, 'valid.png');
      for (const shown of [
        'Còn hiệu lực',
        content.learner.fullName,
        content.program.name,
        content.result.classificationLabel,
      ]) {
        expect(valid).toContain(shown);
      }
      expect(storedHash).toBe(contentHash(content));
      expect(await verifyJson(verifyUrl)).toMatchObject({ status: 'valid', content, contentHash: storedHash });

      const revoked = await t
        .http()
        .post(`/api/v1/certificates/${id}/revoke`)
        .set(schoolAdmin)
        .send({ reason })
        .expect(200);
      expect((await page.reload())?.status()).toBe(200);
      const text = await show(page, 'revoked.png');
      expect(text).toContain('Đã thu hồi');
      expect(text).toContain(
        `thu hồi ngày ${dayMonthYear(todayIn('Asia/Ho_Chi_Minh', new Date(revoked.body.revokedAt)))}`,
      );
      expect(text).toContain(reason);
      expect(text).toContain(content.learner.fullName);
      expect(text).not.toContain('Còn hiệu lực');
      expect(await verifyJson(verifyUrl)).toMatchObject({
        status: 'revoked',
        revocationReason: reason,
        revokedAt: revoked.body.revokedAt,
        content,
        contentHash: storedHash,
      });
    } finally {
      await page.close();
    }
  });

  it('shows a reissued certificate’s old code as replaced, and an unknown code as not found', async () => {
    const { id, verifyUrl } = issued['render.2'];
    const reason = 'Sai ngày sinh của học viên';
    await t.http().post(`/api/v1/certificates/${id}/reissue`).set(schoolAdmin).send({ reason }).expect(201);
    const page = await browser.newPage({ viewport: PHONE });
    try {
      expect((await page.goto(verifyUrl))?.status()).toBe(200);
      const replaced = await show(page, 'superseded.png');
      expect(replaced).toContain('Đã được thay thế');
      expect(replaced).toContain(reason);
      expect(replaced).not.toContain('Còn hiệu lực');

      expect((await page.goto(`${t.origin}/verify/${'A'.repeat(24)}`))?.status()).toBe(404);
      const unknown = await show(page, 'not-found.png');
      expect(unknown).toContain('Không tìm thấy giấy chứng nhận');
      expect(unknown).toContain('kiểm tra lại mã');
    } finally {
      await page.close();
    }
  });
});
