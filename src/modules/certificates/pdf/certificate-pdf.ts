import { readFileSync } from 'node:fs';
import { create as parseFont, type Font } from 'fontkit';
import PDFDocument from 'pdfkit';
import { create as createQr } from 'qrcode';
import { normalizeContent, type CertificateContent } from '../certificate-content';

const FONT_FILES = {
  regular: '@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf',
  bold: '@expo-google-fonts/noto-serif/700Bold/NotoSerif_700Bold.ttf',
  italic: '@expo-google-fonts/noto-serif/400Regular_Italic/NotoSerif_400Regular_Italic.ttf',
} as const;
type FontFace = keyof typeof FONT_FILES;

let parsedFonts: Record<FontFace, Font> | undefined;

/**
 * The faces, read and parsed once per process. pdfkit takes a fontkit font as it stands (its types
 * say only paths and buffers); from a buffer it would parse the font again for every document, some
 * 60 ms a certificate against 3 ms. fontkit keeps each glyph with the code points of whoever asked
 * for it first, and pdfkit's ToUnicode map copies them: a letter first met as the base of an accented
 * letter in an earlier document's subset has none, and would extract as garbage ("Lê Thị M<i"). So
 * each document starts with the glyph cache emptied, as if the font were new; a render is synchronous
 * from here to `doc.end()`, so renders never share one.
 */
function freshFonts(): Record<FontFace, Font> {
  parsedFonts ??= {
    regular: parseFont(readFileSync(require.resolve(FONT_FILES.regular))),
    bold: parseFont(readFileSync(require.resolve(FONT_FILES.bold))),
    italic: parseFont(readFileSync(require.resolve(FONT_FILES.italic))),
  };
  for (const font of Object.values(parsedFonts)) font._glyphs = {};
  return parsedFonts;
}

/** Modules of light margin around the QR code, as ISO/IEC 18004 asks for. */
export const QR_QUIET_ZONE = 4;

/** The QR code's modules, row by row, `true` for dark, without the quiet zone: what the PDF draws. */
export function qrModules(text: string): boolean[][] {
  const { modules } = createQr(text, { errorCorrectionLevel: 'M' });
  return Array.from({ length: modules.size }, (_, row) =>
    Array.from({ length: modules.size }, (_, col) => Boolean(modules.get(row, col))),
  );
}

const RED = '#a3191b';
const INK = '#111111';

/** A4 landscape in points; every position below is a baseline unless it says otherwise. */
const PAGE = { width: 841.89, height: 595.28 };
const LEFT_CENTRE = 235;
const RIGHT_CENTRE = 607;
const BLOCK_WIDTH = 330;
const BODY = {
  left: 100,
  right: 742,
  top: 214,
  /** The lowest the classification line may sit: the serial and the signer's title start below. */
  lastBaseline: 392,
  pitch: 33,
  size: 15,
  /** How far a name or programme shrinks to stay on its line before it wraps instead. */
  leastShrink: 0.8,
  leastScale: 0.5,
};

/**
 * A labelled line of the body. Its phrases share one line when they fit; otherwise each starts a
 * line of its own, so a class's dates move down whole rather than breaking after "đến ngày".
 */
interface BodyField {
  label: string;
  phrases: string[];
  face: FontFace;
  size: number;
  shrink: boolean;
}
const PLAIN = { face: 'regular', size: BODY.size, shrink: false } as const;
const QR_SIZE = 104;

const dayMonthYear = (isoDay: string): string => isoDay.split('-').reverse().join('/');

/** Nghị định 30/2020 on dates in documents: a zero before days under 10 and before months 1 and 2. */
function issueDateLine(place: string, isoDay: string): string {
  const [year, month, day] = isoDay.split('-').map(Number);
  const dd = String(day).padStart(2, '0');
  const mm = month < 3 ? String(month).padStart(2, '0') : String(month);
  return `${place}, ngày ${dd} tháng ${mm} năm ${year}`;
}

const scoreFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

/**
 * The certificate as one A4 landscape page in the layout of Hướng dẫn 154's form, text in NFC and
 * extractable, the QR code drawn as vector to `verifyUrl`. The same content and URL give the same
 * bytes, so a stored PDF can be named by its content.
 */
export async function renderCertificatePdf(content: CertificateContent, verifyUrl: string): Promise<Buffer> {
  const c = normalizeContent(content);
  const [year, month, day] = c.issuedOn.split('-').map(Number);
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    lang: 'vi-VN',
    displayTitle: true,
    // The trailer's file ID is a hash of the info dictionary, so fixed dates make the bytes repeatable.
    info: {
      Title: `Giấy chứng nhận ${c.serial}`,
      Author: c.issuer.name,
      Subject: c.program.name,
      CreationDate: new Date(Date.UTC(year, month - 1, day)),
    },
  });
  const bytes = collect(doc);
  const faces = freshFonts();
  for (const face of Object.keys(faces) as FontFace[]) {
    doc.registerFont(face, faces[face] as unknown as PDFKit.Mixins.PDFFontSource);
  }
  const page = new Page(doc);

  page.border();
  page.issuingBody(c.issuer.headerLines);
  page.partyHeading(issueDateLine(c.place, c.issuedOn));
  page.centred('GIẤY CHỨNG NHẬN', 'bold', 30, PAGE.width / 2, 152, PAGE.width - 160, RED);

  const fields: BodyField[] = [
    { label: 'Chứng nhận đồng chí: ', phrases: [c.learner.fullName], face: 'bold', size: 18, shrink: true },
  ];
  if (c.learner.dateOfBirth) {
    fields.push({ label: 'Ngày sinh: ', phrases: [dayMonthYear(c.learner.dateOfBirth)], ...PLAIN });
  }
  fields.push(
    { label: 'Đã hoàn thành chương trình: ', phrases: [c.program.name], face: 'bold', size: BODY.size, shrink: true },
    {
      label: 'Lớp: ',
      phrases: [
        `${c.class.title} (${c.class.code}),`,
        `từ ngày ${dayMonthYear(c.class.startsOn)} đến ngày ${dayMonthYear(c.class.endsOn)}`,
      ],
      ...PLAIN,
    },
  );
  const score = c.result.finalScore === null ? null : scoreFormat.format(c.result.finalScore);
  page.body(fields, c.result.classificationLabel, score);

  page.signature(c.signer);
  page.serialAndQr(c.serial, verifyUrl);

  doc.end();
  return bytes;
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

/**
 * Drawing on the one page. Every text is placed at a given point and the body is kept above the
 * signature, so pdfkit never has a reason to start a second page.
 */
class Page {
  constructor(private readonly doc: PDFKit.PDFDocument) {}

  border(): void {
    const { doc } = this;
    doc.save().strokeColor(RED);
    doc
      .lineWidth(2.4)
      .rect(16, 16, PAGE.width - 32, PAGE.height - 32)
      .stroke();
    doc
      .lineWidth(0.8)
      .rect(23, 23, PAGE.width - 46, PAGE.height - 46)
      .stroke();
    doc.restore();
  }

  /** The superior body in regular type, the issuing unit (last line) in bold, a short rule beneath. */
  issuingBody(lines: string[]): void {
    let y = 62;
    lines.forEach((line, index) => {
      const last = index === lines.length - 1;
      this.centred(line, last ? 'bold' : 'regular', 13, LEFT_CENTRE, y, BLOCK_WIDTH);
      if (last) this.rule(LEFT_CENTRE, y + 8, 70);
      y += 19;
    });
  }

  partyHeading(dateLine: string): void {
    const width = this.centred('ĐẢNG CỘNG SẢN VIỆT NAM', 'bold', 14, RIGHT_CENTRE, 62, BLOCK_WIDTH);
    this.rule(RIGHT_CENTRE, 70, width);
    this.centred(dateLine, 'italic', 13, RIGHT_CENTRE, 96, BLOCK_WIDTH);
  }

  /**
   * The body between the title and the signature. A field too long for its line shrinks a little
   * (names and programmes), then wraps as a paragraph; if the whole is still too tall for its room,
   * every size and the line pitch shrink together until it fits, so nothing reaches the signature.
   */
  body(fields: BodyField[], classification: string, score: string | null): void {
    let scale = 1;
    while (scale > BODY.leastScale && this.fields(fields, scale, false) > BODY.lastBaseline) scale -= 0.05;
    this.result(classification, score, this.fields(fields, scale, true), scale);
  }

  /** Lays the fields out at `scale`, drawing them if `draw`; gives the baseline after the last. */
  private fields(fields: BodyField[], scale: number, draw: boolean): number {
    const { doc } = this;
    let y = BODY.top;
    for (const field of fields) {
      const labelSize = BODY.size * scale;
      const size = field.size * scale;
      const line = field.phrases.join(' ');
      const labelWidth = doc.font('regular').fontSize(labelSize).widthOfString(field.label);
      const room = BODY.right - BODY.left - labelWidth;
      const fitted = field.shrink ? this.fit(line, field.face, size, room, size * BODY.leastShrink) : size;
      const oneLine = doc.font(field.face).fontSize(fitted).widthOfString(line) <= room;
      const lines = field.phrases.join('\n');
      const paragraph = {
        width: BODY.right - BODY.left,
        indent: labelWidth,
        baseline: 'alphabetic',
      } as const;
      const extraLines = oneLine
        ? 0
        : doc.fontSize(size).heightOfString(lines, paragraph) - doc.currentLineHeight(true);
      if (draw) {
        this.write(field.label, 'regular', labelSize, BODY.left, y);
        doc.font(field.face).fillColor(INK);
        if (oneLine) {
          doc.fontSize(fitted).text(line, BODY.left + labelWidth, y, { baseline: 'alphabetic', lineBreak: false });
        } else {
          doc.fontSize(size).text(lines, BODY.left, y, paragraph);
        }
      }
      y += extraLines + BODY.pitch * scale;
    }
    return y;
  }

  private result(label: string, score: string | null, y: number, scale: number): void {
    const size = BODY.size * scale;
    const labelWidth = this.write('Xếp loại: ', 'regular', size, BODY.left, y);
    const valueWidth = this.write(label, 'bold', size, BODY.left + labelWidth, y);
    if (score === null) return;
    const x = BODY.left + labelWidth + valueWidth + 48 * scale;
    const scoreLabelWidth = this.write('Điểm: ', 'regular', size, x, y);
    this.write(score, 'bold', size, x + scoreLabelWidth, y);
  }

  /** "KT. GIÁM ĐỐC" over the deputy's title, room for the seal and signature, then the name. */
  signature(signer: CertificateContent['signer']): void {
    let y = 416;
    if (signer.authority) {
      this.centred(signer.authority, 'bold', 14, RIGHT_CENTRE, y, BLOCK_WIDTH);
      y += 20;
    }
    this.centred(signer.title, 'bold', 14, RIGHT_CENTRE, y, BLOCK_WIDTH);
    this.centred(signer.name, 'bold', 15, RIGHT_CENTRE, 540, BLOCK_WIDTH);
  }

  serialAndQr(serial: string, verifyUrl: string): void {
    this.centred(`Số: ${serial}`, 'regular', 12, LEFT_CENTRE, 420, BLOCK_WIDTH);
    const top = 428;
    this.qr(verifyUrl, LEFT_CENTRE - QR_SIZE / 2, top);
    this.centred('Quét mã để kiểm tra', 'italic', 9, LEFT_CENTRE, top + QR_SIZE + 6, BLOCK_WIDTH);
  }

  /** Vector modules, one rectangle per horizontal run, in a single fill so no seams show. */
  private qr(text: string, left: number, top: number): void {
    const { doc } = this;
    const rows = qrModules(text);
    const unit = QR_SIZE / (rows.length + 2 * QR_QUIET_ZONE);
    doc.save().rect(left, top, QR_SIZE, QR_SIZE).fill('#ffffff');
    rows.forEach((row, r) => {
      for (let col = 0; col < row.length;) {
        if (!row[col]) {
          col++;
          continue;
        }
        const start = col;
        while (col < row.length && row[col]) col++;
        const x = left + (QR_QUIET_ZONE + start) * unit;
        const y = top + (QR_QUIET_ZONE + r) * unit;
        doc.rect(x, y, (col - start) * unit, unit);
      }
    });
    doc.fill('#000000').restore();
  }

  /** Centred on `centre`, shrunk to `maxWidth` if need be; gives the width drawn. */
  centred(
    text: string,
    face: FontFace,
    size: number,
    centre: number,
    y: number,
    maxWidth: number,
    color = INK,
  ): number {
    const { doc } = this;
    doc.font(face).fontSize(this.fit(text, face, size, maxWidth, size * 0.6));
    const width = doc.widthOfString(text);
    doc.fillColor(color).text(text, centre - width / 2, y, { baseline: 'alphabetic', lineBreak: false });
    return width;
  }

  private write(text: string, face: FontFace, size: number, x: number, y: number): number {
    const { doc } = this;
    doc.font(face).fontSize(size).fillColor(INK);
    doc.text(text, x, y, { baseline: 'alphabetic', lineBreak: false });
    return doc.widthOfString(text);
  }

  /** The largest size up to `size`, and no less than `least`, at which `text` fits `width`. */
  private fit(text: string, face: FontFace, size: number, width: number, least: number): number {
    const natural = this.doc.font(face).fontSize(size).widthOfString(text);
    if (natural <= width) return size;
    return Math.max(least, Math.floor(((size * width) / natural) * 10) / 10);
  }

  private rule(centre: number, y: number, width: number): void {
    this.doc
      .save()
      .lineWidth(0.8)
      .strokeColor(INK)
      .moveTo(centre - width / 2, y)
      .lineTo(centre + width / 2, y)
      .stroke()
      .restore();
  }
}
