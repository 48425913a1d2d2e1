import type { TestApp } from './test-app';

export interface WalkedList<T> {
  /** Every item, page after page, in the order the pages gave them. */
  items: T[];
  pages: number;
}

/**
 * Follows `nextCursor` from the first page to the last, `limit` items at a time; fails on a page
 * larger than `limit`, on a cursor that repeats, or when the walk does not end.
 */
export async function walkPages<T = Record<string, unknown>>(
  t: TestApp,
  headers: Record<string, string>,
  path: string,
  limit = 1,
  maxPages = 1000,
): Promise<WalkedList<T>> {
  const items: T[] = [];
  const cursors = new Set<string>();
  let cursor: string | null = null;
  for (let pages = 1; pages <= maxPages; pages++) {
    const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
    const res = await t
      .http()
      .get(`${path}${path.includes('?') ? '&' : '?'}${query}`)
      .set(headers);
    if (res.status !== 200) throw new Error(`GET ${path} page ${pages}: ${res.status} ${res.text}`);
    const body = res.body as { items: T[]; nextCursor: string | null };
    if (!Array.isArray(body.items) || !('nextCursor' in body)) throw new Error(`GET ${path}: not a page: ${res.text}`);
    if (body.items.length > limit) throw new Error(`GET ${path}: ${body.items.length} items on a page of ${limit}`);
    items.push(...body.items);
    if (body.nextCursor === null) return { items, pages };
    if (cursors.has(body.nextCursor)) throw new Error(`GET ${path}: cursor repeated on page ${pages}`);
    cursors.add(body.nextCursor);
    cursor = body.nextCursor;
  }
  throw new Error(`GET ${path}: still more after ${maxPages} pages`);
}
