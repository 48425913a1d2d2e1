import { gunzipSync } from 'node:zlib';
import {
  decodeStatusList,
  encodeStatusList,
  STATUS_LIST_SIZE,
  statusListEntry,
  statusListPosition,
} from './status-list';

const rawBits = (encoded: string) => gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));

describe('status list', () => {
  it('numbers lists from 1, each holding STATUS_LIST_SIZE positions', () => {
    expect(STATUS_LIST_SIZE).toBe(131_072);
    expect(statusListPosition(0)).toEqual({ listId: 1, index: 0 });
    expect(statusListPosition(131_071)).toEqual({ listId: 1, index: 131_071 });
    expect(statusListPosition(131_072)).toEqual({ listId: 2, index: 0 });
    expect(statusListPosition(262_149)).toEqual({ listId: 3, index: 5 });
    expect(() => statusListPosition(-1)).toThrow(RangeError);
    expect(() => statusListPosition(1.5)).toThrow(RangeError);
  });

  it('encodes as multibase base64url (no padding) of a GZIP bitstring of at least 16 KiB', () => {
    const encoded = encodeStatusList([3]);
    expect(encoded).toMatch(/^u[A-Za-z0-9_-]+$/);
    expect(rawBits(encoded).length).toBeGreaterThanOrEqual(16 * 1024);
    expect(rawBits(encoded).length * 8).toBe(STATUS_LIST_SIZE);
  });

  it('puts index 0 at the left-most bit of the first byte', () => {
    const bits = rawBits(encodeStatusList([0, 7, 8, 131_071]));
    expect(bits[0]).toBe(0b1000_0001);
    expect(bits[1]).toBe(0b1000_0000);
    expect(bits[bits.length - 1]).toBe(0b0000_0001);
    expect(bits.subarray(2, -1).every((byte) => byte === 0)).toBe(true);
  });

  it('decodes exactly the bits that were set, and nothing else', () => {
    const set = [0, 7, 8, 131_071];
    const isSet = decodeStatusList(encodeStatusList(set));
    const found: number[] = [];
    for (let index = 0; index < STATUS_LIST_SIZE; index++) if (isSet(index)) found.push(index);
    expect(found).toEqual(set);
    expect(decodeStatusList(encodeStatusList([]))(0)).toBe(false);
  });

  it('refuses indices outside the list', () => {
    expect(() => encodeStatusList([STATUS_LIST_SIZE])).toThrow(RangeError);
    expect(() => encodeStatusList([-1])).toThrow(RangeError);
  });

  it('describes a revocable credential’s entry in its list', () => {
    expect(statusListEntry('https://lyluan.example.vn/', 2, 94_567)).toEqual({
      id: 'https://lyluan.example.vn/api/v1/credentials/status/2#94567',
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '94567',
      statusListCredential: 'https://lyluan.example.vn/api/v1/credentials/status/2',
    });
  });
});
