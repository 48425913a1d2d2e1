import { buildZip } from '../../../../test/support/zip-fixtures';
import { writeZip } from '../../../common/zip';
import { sniffAttachmentType } from './file-type';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

const ooxml = (...parts: string[]) =>
  writeZip(parts.map((path) => ({ path, content: Buffer.from('<?xml version="1.0"?><x/>') })));

describe('sniffAttachmentType', () => {
  it.each([
    ['pdf', bytes('%PDF-1.7\n%âãÏÓ\n1 0 obj')],
    ['png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR')],
    ['jpg', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF')],
    ['mp4', bytes([0, 0, 0, 0x18], 'ftypisom', [0, 0, 2, 0], 'isommp41')],
    ['mp4', bytes([0, 0, 0, 0x14], 'ftypmp42', [0, 0, 0, 0], 'mp42')],
  ])('recognises %s', async (type, content) => {
    expect(await sniffAttachmentType(content)).toBe(type);
  });

  it('recognises a minimal docx and pptx', async () => {
    const docx = await ooxml('[Content_Types].xml', '_rels/.rels', 'word/document.xml');
    const pptx = await ooxml('[Content_Types].xml', '_rels/.rels', 'ppt/presentation.xml', 'ppt/slides/slide1.xml');
    expect(await sniffAttachmentType(docx)).toBe('docx');
    expect(await sniffAttachmentType(pptx)).toBe('pptx');
  });

  it.each([
    ['a Windows executable', bytes('MZ', [0x90, 0, 3, 0, 0, 0, 4, 0], 'This program cannot be run in DOS mode')],
    ['plain text', Buffer.from('Bài giảng về chủ nghĩa Mác – Lênin\n', 'utf8')],
    ['an empty file', Buffer.alloc(0)],
    ['a QuickTime movie', bytes([0, 0, 0, 0x14], 'ftypqt  ', [0, 0, 2, 0], 'qt  ')],
    ['M4A audio', bytes([0, 0, 0, 0x18], 'ftypM4A ', [0, 0, 0, 0], 'M4A isom')],
    ['a PDF signature past the first byte', bytes(' %PDF-1.7')],
    ['a truncated zip', bytes([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0])],
  ])('refuses %s', async (_label, content) => {
    expect(await sniffAttachmentType(content)).toBeNull();
  });

  it.each([
    ['a plain zip', ['a.txt', 'b/c.txt']],
    ['Office parts without [Content_Types].xml', ['word/document.xml']],
    ['a spreadsheet', ['[Content_Types].xml', 'xl/workbook.xml']],
    ['both Word and PowerPoint parts', ['[Content_Types].xml', 'word/document.xml', 'ppt/presentation.xml']],
  ])('refuses %s', async (_label, parts) => {
    expect(await sniffAttachmentType(await ooxml(...parts))).toBeNull();
  });

  it('refuses a document-looking zip with an unsafe entry name', async () => {
    const zip = buildZip([{ name: '[Content_Types].xml' }, { name: 'word/document.xml' }, { name: '../evil.sh' }]);
    expect(await sniffAttachmentType(zip)).toBeNull();
  });
});
