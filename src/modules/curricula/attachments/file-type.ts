import * as yauzl from 'yauzl';

export const ATTACHMENT_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  mp4: 'video/mp4',
  jpg: 'image/jpeg',
  png: 'image/png',
} as const;

export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

const PDF = Buffer.from('%PDF-', 'latin1');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Major brands of the ISO base media file format that are MP4 video. QuickTime (`qt  `) is left out:
 * a .mov is a different container that browsers play unreliably when served as video/mp4; audio-only
 * (M4A), HEIF/AVIF images and 3GP use `ftyp` too and are left out as well.
 */
const MP4_BRANDS = new Set(['isom', 'iso2', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'M4V ', 'dash', 'mmp4']);

/**
 * The attachment type shown by the content's own bytes, never by its name or the declared MIME type;
 * null when it is none of the accepted types. DOCX and PPTX are told apart by the parts listed in the
 * zip's central directory, which is read without inflating anything.
 */
export async function sniffAttachmentType(content: Buffer): Promise<AttachmentType | null> {
  const startsWith = (signature: Buffer, at = 0) => content.subarray(at, at + signature.length).equals(signature);
  if (startsWith(PDF)) return 'pdf';
  if (startsWith(PNG)) return 'png';
  if (startsWith(JPEG)) return 'jpg';
  if (content.length >= 12 && content.toString('latin1', 4, 8) === 'ftyp') {
    return MP4_BRANDS.has(content.toString('latin1', 8, 12)) ? 'mp4' : null;
  }
  if (startsWith(ZIP)) return officeType(content);
  return null;
}

function officeType(content: Buffer): Promise<'docx' | 'pptx' | null> {
  return new Promise((resolve) => {
    yauzl.fromBuffer(content, { lazyEntries: true }, (error, zipfile) => {
      if (error) return resolve(null);
      let contentTypes = false;
      let word = false;
      let presentation = false;
      // Any unreadable or unsafe archive (yauzl refuses absolute and `..` names) is simply not a document.
      zipfile.on('error', () => {
        zipfile.close();
        resolve(null);
      });
      zipfile.on('entry', (entry: yauzl.Entry) => {
        contentTypes ||= entry.fileName === '[Content_Types].xml';
        word ||= entry.fileName.startsWith('word/');
        presentation ||= entry.fileName.startsWith('ppt/');
        zipfile.readEntry();
      });
      zipfile.on('end', () => {
        zipfile.close();
        if (!contentTypes || word === presentation) resolve(null);
        else resolve(word ? 'docx' : 'pptx');
      });
      zipfile.readEntry();
    });
  });
}
