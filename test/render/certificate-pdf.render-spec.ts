import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { renderCertificatePdf } from '../../src/modules/certificates/pdf/certificate-pdf';
import { LONGEST_CERTIFICATE, SAMPLE_CERTIFICATE, SAMPLE_VERIFY_URL } from '../support/certificate-samples';

const OUTPUT = join(__dirname, 'output');

/** Runs a poppler tool; without poppler-utils the spec fails saying how to get it, never passes. */
function poppler(tool: string, args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${tool} is missing: apt-get install poppler-utils`);
    }
    throw error;
  }
}

/** The page at 150 dpi as pdftoppm draws it, decoded by jsQR as a phone camera would read it. */
function qrOnPage(png: Buffer): string | undefined {
  const { data, width, height } = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), width, height)?.data;
}

describe('certificate PDF through poppler', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'certificate-pdf-'));
    mkdirSync(OUTPUT, { recursive: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Writes the PDF and its 150 dpi page, keeping both under test/render/output/ to look at. */
  async function render(name: string, content = SAMPLE_CERTIFICATE) {
    const pdfPath = join(dir, `${name}.pdf`);
    writeFileSync(pdfPath, await renderCertificatePdf(content, SAMPLE_VERIFY_URL));
    poppler('pdftoppm', ['-png', '-r', '150', '-singlefile', pdfPath, join(dir, name)]);
    const pngPath = join(dir, `${name}.png`);
    copyFileSync(pdfPath, join(OUTPUT, `${name}.pdf`));
    copyFileSync(pngPath, join(OUTPUT, `${name}.png`));
    return { pdfPath, png: readFileSync(pngPath) };
  }

  it('extracts every printed field exactly as stored, and its QR code reads as the verify URL', async () => {
    const { pdfPath, png } = await render('certificate');
    const text = poppler('pdftotext', ['-layout', '-enc', 'UTF-8', pdfPath, '-']);

    for (const stored of [
      SAMPLE_CERTIFICATE.learner.fullName,
      '07/03/1994',
      SAMPLE_CERTIFICATE.program.name,
      `Xếp loại: ${SAMPLE_CERTIFICATE.result.classificationLabel}`,
      `Số: ${SAMPLE_CERTIFICATE.serial}`,
      'ĐẢNG CỘNG SẢN VIỆT NAM',
      'GIẤY CHỨNG NHẬN',
      'Bắc Ninh, ngày 05 tháng 12 năm 2026',
      SAMPLE_CERTIFICATE.signer.name,
    ]) {
      expect(text).toContain(stored);
    }
    expect(text.normalize('NFC')).toBe(text);
    expect(qrOnPage(png)).toBe(SAMPLE_VERIFY_URL);
  });

  it('keeps the longest fields the API accepts on one page with a readable QR code', async () => {
    const { pdfPath, png } = await render('certificate-longest', LONGEST_CERTIFICATE);

    expect(poppler('pdfinfo', [pdfPath])).toMatch(/^Pages:\s+1$/m);
    expect(qrOnPage(png)).toBe(SAMPLE_VERIFY_URL);
  });
});
