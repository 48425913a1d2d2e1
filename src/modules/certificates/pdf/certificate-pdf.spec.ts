import jsQR from 'jsqr';
import PDFParser from 'pdf2json';
import {
  LONGEST_CERTIFICATE,
  SAMPLE_CERTIFICATE,
  SAMPLE_VERIFY_URL,
} from '../../../../test/support/certificate-samples';
import type { CertificateContent } from '../certificate-content';
import { QR_QUIET_ZONE, qrModules, renderCertificatePdf } from './certificate-pdf';

/** The PDF's text as a pure-JS reader extracts it (what a search or a copy and paste would see). */
function readPdf(pdf: Buffer): Promise<{ text: string; pages: number; title: unknown }> {
  return new Promise((resolve, reject) => {
    const parser = new PDFParser(null, true);
    parser.on('pdfParser_dataError', (error) => reject(error instanceof Error ? error : error.parserError));
    parser.on('pdfParser_dataReady', (data) =>
      resolve({ text: parser.getRawTextContent(), pages: data.Pages.length, title: data.Meta.Title }),
    );
    // Verbosity -1 silences pdf.js's warnings; 0 would be taken for "unset".
    parser.parseBuffer(pdf, -1);
  });
}

/** No birth date, no score, signed by the director herself. */
const DIRECTOR_SIGNED: CertificateContent = {
  ...SAMPLE_CERTIFICATE,
  learner: { ...SAMPLE_CERTIFICATE.learner, dateOfBirth: null },
  result: { finalScore: null, classification: null, classificationLabel: 'Hoàn thành' },
  signer: { name: 'Lê Thị Mai', title: 'GIÁM ĐỐC', authority: null },
};

/** The renderer as a new process has it: fonts not yet parsed, no glyph met before. */
function freshRenderer(): typeof renderCertificatePdf {
  let render: typeof renderCertificatePdf | undefined;
  jest.isolateModules(() => {
    render = jest.requireActual<typeof import('./certificate-pdf')>('./certificate-pdf').renderCertificatePdf;
  });
  return render!;
}

const decomposed = <T>(value: T): T => JSON.parse(JSON.stringify(value).normalize('NFD')) as T;

describe('renderCertificatePdf', () => {
  it('prints every field of the content, with its diacritics, on one page', async () => {
    const { text, pages, title } = await readPdf(await renderCertificatePdf(SAMPLE_CERTIFICATE, SAMPLE_VERIFY_URL));

    expect(pages).toBe(1);
    expect(title).toBe('Giấy chứng nhận TCT-BN/2026/000123');
    for (const printed of [
      'TỈNH ỦY BẮC NINH',
      'TRƯỜNG CHÍNH TRỊ NGUYỄN VĂN CỪ',
      'ĐẢNG CỘNG SẢN VIỆT NAM',
      'Bắc Ninh, ngày 05 tháng 12 năm 2026',
      'GIẤY CHỨNG NHẬN',
      'Nguyễn Thị Hồng Nhung',
      'Ngày sinh: 07/03/1994',
      'Đã hoàn thành chương trình: Bồi dưỡng lý luận chính trị cho đảng viên mới',
      'Lớp: Lớp bồi dưỡng đảng viên mới khóa 7 (DVM-2026-07),',
      'từ ngày 02/11/2026 đến ngày 08/11/2026',
      'Xếp loại: Giỏi',
      'Điểm: 8,5',
      'KT. GIÁM ĐỐC',
      'PHÓ GIÁM ĐỐC',
      'Trần Văn Hùng',
      'Số: TCT-BN/2026/000123',
      'Quét mã để kiểm tra',
    ]) {
      expect(text).toContain(printed);
    }
  });

  it('prints decomposed input in NFC, so the text extracts as stored', async () => {
    const { text } = await readPdf(await renderCertificatePdf(decomposed(SAMPLE_CERTIFICATE), SAMPLE_VERIFY_URL));

    expect(text).toContain('Nguyễn Thị Hồng Nhung');
    expect(text).toContain('Bồi dưỡng lý luận chính trị cho đảng viên mới');
    expect(text.normalize('NFC')).toBe(text);
  });

  it('leaves out what the content does not have: birth date, score, a deputy’s authority', async () => {
    const { text } = await readPdf(await renderCertificatePdf(DIRECTOR_SIGNED, SAMPLE_VERIFY_URL));

    expect(text).not.toContain('Ngày sinh');
    expect(text).not.toContain('Điểm');
    expect(text).not.toContain('KT.');
    expect(text).toContain('Xếp loại: Hoàn thành');
    expect(text).toContain('GIÁM ĐỐC');
    expect(text).toContain('Lê Thị Mai');
  });

  it.each([
    ['2027-01-09', 'Bắc Ninh, ngày 09 tháng 01 năm 2027'],
    ['2026-03-15', 'Bắc Ninh, ngày 15 tháng 3 năm 2026'],
  ])('writes the issue date %s as Nghị định 30 asks: %s', async (issuedOn, line) => {
    const { text } = await readPdf(await renderCertificatePdf({ ...SAMPLE_CERTIFICATE, issuedOn }, SAMPLE_VERIFY_URL));

    expect(text).toContain(line);
  });

  it('gives the same bytes for the same content, whatever the process rendered before', async () => {
    const reference = await freshRenderer()(DIRECTOR_SIGNED, SAMPLE_VERIFY_URL);
    const render = freshRenderer();
    const others = [
      await render(SAMPLE_CERTIFICATE, SAMPLE_VERIFY_URL),
      await render(LONGEST_CERTIFICATE, `${SAMPLE_VERIFY_URL}x`),
    ];
    const again = await render(DIRECTOR_SIGNED, SAMPLE_VERIFY_URL);

    expect(again.equals(reference)).toBe(true);
    expect(others.some((other) => other.equals(reference))).toBe(false);
    expect((await readPdf(again)).text).toContain('Lê Thị Mai');
  });

  it('keeps the longest names, programmes and class titles the API accepts on one page', async () => {
    const { text, pages } = await readPdf(await renderCertificatePdf(LONGEST_CERTIFICATE, SAMPLE_VERIFY_URL));

    expect(pages).toBe(1);
    expect(text).toContain('Xếp loại: Giỏi');
    expect(text).toContain('Số: TCT-BN/2026/000123');
    expect(text).toContain('Trần Văn Hùng');
  });
});

describe('qrModules', () => {
  /** Paints the matrix with its quiet zone, `scale` pixels a module, as an RGBA image for jsQR. */
  function paint(modules: boolean[][], scale: number) {
    const side = (modules.length + 2 * QR_QUIET_ZONE) * scale;
    const rgba = new Uint8ClampedArray(side * side * 4).fill(255);
    modules.forEach((row, r) =>
      row.forEach((dark, c) => {
        if (!dark) return;
        for (let dy = 0; dy < scale; dy++) {
          for (let dx = 0; dx < scale; dx++) {
            const offset = (((QR_QUIET_ZONE + r) * scale + dy) * side + (QR_QUIET_ZONE + c) * scale + dx) * 4;
            rgba.fill(0, offset, offset + 3);
          }
        }
      }),
    );
    return { rgba, side };
  }

  it('is a square matrix that decodes to the verify URL', () => {
    const modules = qrModules(SAMPLE_VERIFY_URL);
    const { rgba, side } = paint(modules, 4);

    expect(modules.every((row) => row.length === modules.length)).toBe(true);
    expect(jsQR(rgba, side, side)?.data).toBe(SAMPLE_VERIFY_URL);
  });

  it('changes with the URL', () => {
    expect(qrModules(`${SAMPLE_VERIFY_URL}x`)).not.toEqual(qrModules(SAMPLE_VERIFY_URL));
  });
});
