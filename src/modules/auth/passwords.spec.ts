import { hashPassword, verifyPassword } from './passwords';

describe('passwords', () => {
  it('hashes with argon2id at m=19456, t=2, p=1 and verifies', async () => {
    const stored = await hashPassword('mật khẩu đúng');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    await expect(verifyPassword(stored, 'mật khẩu đúng')).resolves.toBe(true);
    await expect(verifyPassword(stored, 'mật khẩu sai')).resolves.toBe(false);
  });

  it('rejects users without a password and garbage hashes', async () => {
    await expect(verifyPassword(null, 'anything')).resolves.toBe(false);
    await expect(verifyPassword('not-a-hash', 'anything')).resolves.toBe(false);
  });
});
