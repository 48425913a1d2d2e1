import { createHash, randomInt } from 'node:crypto';

/** No 0/O, 1/I/L: codes are read off paper and typed on phones. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const GROUPS = 3;
const GROUP_LENGTH = 4;

/** e.g. `K7QM-3XPA-W9TD`: 12 symbols of 31, about 59 bits. */
export function newActivationCode(): string {
  const groups = Array.from({ length: GROUPS }, () =>
    Array.from({ length: GROUP_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
  );
  return groups.join('-');
}

/** Case, spaces and dashes do not matter when a person types the code. */
export function hashActivationCode(code: string): string {
  return createHash('sha256').update(code.toUpperCase().replace(/[\s-]/g, '')).digest('hex');
}
