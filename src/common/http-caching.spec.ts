import { entityTag, ifNoneMatchHits } from './http-caching';

describe('entity tags', () => {
  const tag = entityTag('{"items":[]}');

  it('is a quoted sha256 in base64url, the same for the same bytes and not for others', () => {
    expect(tag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(entityTag(Buffer.from('{"items":[]}'))).toBe(tag);
    expect(entityTag('{"items":[1]}')).not.toBe(tag);
  });

  it.each([
    [tag, true],
    [`W/${tag}`, true],
    [`"other", ${tag}`, true],
    ['*', true],
    ['"other"', false],
    [tag.slice(1, -1), false],
    ['', false],
    [undefined, false],
  ])('If-None-Match %p matches: %p', (header, hit) => {
    expect(ifNoneMatchHits(header, tag)).toBe(hit);
  });
});
