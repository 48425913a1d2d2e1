import { createHash } from 'node:crypto';
import { sampleContent } from '../../../test/support/certificate-samples';
import { canonicalJson, contentHash, normalizeContent } from './certificate-content';

describe('canonical JSON (RFC 8785) and the content hash', () => {
  it('sorts keys by UTF-16 code units at every depth and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: true }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":true,"z":null}]},"b":1}',
    );
    // RFC 8785 §3.2.3: "\u20ac" (€) sorts before "\ud83d\ude00" (😀) by UTF-16, not by code point order of UTF-8.
    expect(canonicalJson({ '😀': 1, '€': 2, a: 3 })).toBe('{"a":3,"€":2,"😀":1}');
  });

  it('writes numbers in their shortest form and strings as JSON.stringify escapes them', () => {
    expect(canonicalJson([1e21, 0.1, -0, 8.5, 100])).toBe('[1e+21,0.1,0,8.5,100]');
    expect(canonicalJson('Trần "Văn"\n\u001f')).toBe('"Trần \\"Văn\\"\\n\\u001f"');
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
  });

  it('hashes the canonical form, so a third party recomputes it from the JSON alone', () => {
    const content = sampleContent();
    const reordered = JSON.parse(JSON.stringify({ ...content, serial: content.serial }));
    const expected = createHash('sha256').update(canonicalJson(reordered), 'utf8').digest('hex');
    expect(contentHash(content)).toBe(expected);
    expect(contentHash({ ...content, learner: { ...content.learner, fullName: 'Nguyễn Thị Hồng Nhunh' } })).not.toBe(
      expected,
    );
  });

  it('normalises every string to NFC, as printed', () => {
    const decomposed = 'Nguye\u0302\u0303n'; // "Nguyễn" with combining marks
    const normalized = normalizeContent({ learner: { fullName: decomposed }, lines: [decomposed] });
    expect(normalized.learner.fullName).toBe('Nguyễn');
    expect(normalized.lines[0]).toBe('Nguyễn');
  });
});
