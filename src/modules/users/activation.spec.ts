import { hashActivationCode, newActivationCode } from './activation';

describe('activation codes', () => {
  it('are three groups of four unambiguous symbols, different each time', () => {
    const codes = new Set(Array.from({ length: 200 }, newActivationCode));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
  });

  it('hash the same however the person types them', () => {
    const code = newActivationCode();
    expect(hashActivationCode(code.toLowerCase().replace(/-/g, ' '))).toBe(hashActivationCode(code));
    expect(hashActivationCode(code)).not.toBe(hashActivationCode(newActivationCode()));
  });
});
