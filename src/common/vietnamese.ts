/** Unicode NFC, trimmed, inner whitespace collapsed: how names are stored. */
export function normalizeName(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ');
}

/**
 * Lower case without diacritics, so "nguyen van a" finds "Nguyễn Văn A". `đ` is a letter of its
 * own, not a d with a mark, so NFD leaves it: it is mapped by hand.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** A LIKE pattern matching folded text that contains the folded query. */
export function containsPattern(query: string): string {
  return `%${foldVietnamese(query).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
