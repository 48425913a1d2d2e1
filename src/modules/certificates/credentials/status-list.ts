import { gunzipSync, gzipSync } from 'node:zlib';
import { publicUrl } from '../../../common/public-url';

/**
 * Entries per status list: the minimum of W3C Bitstring Status List v1.0 (§2.2 `encodedList`: the
 * uncompressed bitstring is at least 16 KB), so each list hides a credential among 131,072.
 */
export const STATUS_LIST_SIZE = 131_072;

/** Multibase prefix of base64url without padding (Bitstring Status List §2.2, Data Integrity "Multibase"). */
const MULTIBASE_BASE64URL = 'u';

/** Which list a credential's status lives in (1-based) and its bit there, from one running index. */
export function statusListPosition(globalIndex: number): { listId: number; index: number } {
  if (!Number.isSafeInteger(globalIndex) || globalIndex < 0) {
    throw new RangeError(`status index must be a non-negative integer, got ${globalIndex}`);
  }
  return { listId: Math.floor(globalIndex / STATUS_LIST_SIZE) + 1, index: globalIndex % STATUS_LIST_SIZE };
}

/**
 * `encodedList` of a list whose set bits are `setIndices` (§2.2, §3.3 "Bitstring Generation
 * Algorithm"): index 0 is the left-most bit, i.e. the most significant bit of the first byte.
 */
export function encodeStatusList(setIndices: number[]): string {
  const bits = Buffer.alloc(STATUS_LIST_SIZE / 8);
  for (const index of setIndices) {
    if (!Number.isInteger(index) || index < 0 || index >= STATUS_LIST_SIZE) {
      throw new RangeError(`status list index out of range: ${index}`);
    }
    bits[index >> 3] |= 0x80 >> (index & 7);
  }
  return MULTIBASE_BASE64URL + gzipSync(bits).toString('base64url');
}

/** The bit at each index of an `encodedList` (§3.4 "Bitstring Expansion Algorithm"). */
export function decodeStatusList(encoded: string): (index: number) => boolean {
  if (!encoded.startsWith(MULTIBASE_BASE64URL)) throw new Error('encodedList is not multibase base64url');
  const bits = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
  if (bits.length * 8 < STATUS_LIST_SIZE) throw new Error(`status list has ${bits.length * 8} bits, under the minimum`);
  return (index) => index >= 0 && index < bits.length * 8 && (bits[index >> 3] & (0x80 >> (index & 7))) !== 0;
}

/** The `credentialStatus` of a revocable credential (§2.1 BitstringStatusListEntry). */
export interface BitstringStatusListEntry {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: 'revocation';
  statusListIndex: string;
  statusListCredential: string;
}

/** Where list `listId` is served: `GET /api/v1/credentials/status/:listId`. */
export const statusListUrl = (baseUrl: string, listId: number) =>
  publicUrl(baseUrl, `/api/v1/credentials/status/${listId}`);

export function statusListEntry(baseUrl: string, listId: number, index: number): BitstringStatusListEntry {
  const list = statusListUrl(baseUrl, listId);
  // The entry's own id must not be the list's URL (§2.1); the list URL plus the index is unique.
  return {
    id: `${list}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: String(index),
    statusListCredential: list,
  };
}
