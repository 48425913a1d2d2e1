import * as iconv from 'iconv-lite';
import { ImportFileError, SAVE_AS_UTF8_HINT } from './import-file-error';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1258';

/**
 * Controls other than tab, CR and LF (C0, DEL, C1) and U+FFFD: a text file never holds them, while
 * a file read in the wrong encoding (UTF-16 without a BOM, bytes undefined in Windows-1258) does.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NOT_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd]/;

const BOMS: [bom: number[], encoding: TextEncoding][] = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

function strict(content: Buffer, encoding: 'utf-8' | 'utf-16le' | 'utf-16be'): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(content);
  } catch {
    return undefined;
  }
}

/**
 * The text of an uploaded file in NFC: a BOM decides UTF-8 or UTF-16; without one, valid UTF-8 is
 * UTF-8 and anything else is tried as Windows-1258 (Excel's "CSV" on Vietnamese Windows, which writes
 * tone marks as combining characters). A file that none of these reads cleanly is refused whole,
 * with how to save it instead: a replacement character is never let through to be stored.
 */
export function decodeText(content: Buffer): { text: string; encoding: TextEncoding } {
  const byBom = BOMS.find(([bom]) => bom.every((byte, i) => content[i] === byte));
  let encoding: TextEncoding;
  let text: string | undefined;
  if (byBom) {
    encoding = byBom[1];
    // The decoder drops the BOM itself.
    text = strict(content, encoding as 'utf-8' | 'utf-16le' | 'utf-16be');
  } else {
    text = strict(content, 'utf-8');
    encoding = 'utf-8';
    if (text === undefined) {
      encoding = 'windows-1258';
      text = iconv.decode(content, 'windows-1258');
    }
  }
  if (text === undefined) {
    throw new ImportFileError(`Tệp ghi là ${encoding.toUpperCase()} nhưng có byte không hợp lệ. ${SAVE_AS_UTF8_HINT}`);
  }
  const normalized = text.normalize('NFC');
  const bad = NOT_TEXT.exec(normalized);
  if (bad) {
    const line = normalized.slice(0, bad.index).split('\n').length;
    const code = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    throw new ImportFileError(
      `Tệp không phải văn bản UTF-8, UTF-16 hay Windows-1258 (dòng ${line} có ký tự U+${code} không đọc được). ${SAVE_AS_UTF8_HINT}`,
    );
  }
  return { text: normalized, encoding };
}
