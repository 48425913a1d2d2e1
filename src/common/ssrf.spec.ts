import { blockedAddressReason, resolvePublicUrl, UnsafeUrlError } from './ssrf';

describe('blockedAddressReason', () => {
  it.each([
    '127.0.0.1',
    '127.255.255.254',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '169.254.0.1',
    '100.64.0.1',
    '100.127.255.255',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fc00::1',
    'fd00:ec2::254',
    'fe80::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:169.254.169.254',
    '::ffff:10.0.0.1',
    '64:ff9b::7f00:1',
  ])('refuses %s', (address) => {
    expect(blockedAddressReason(address)).toMatch(/nội bộ/);
  });

  it.each([
    '8.8.8.8',
    '203.0.113.10',
    '100.128.0.1',
    '172.32.0.1',
    '169.255.0.1',
    '2001:4860:4860::8888',
    '::ffff:8.8.8.8',
  ])('allows the public address %s', (address) => {
    expect(blockedAddressReason(address)).toBeNull();
  });
});

describe('resolvePublicUrl', () => {
  const resolveTo =
    (...addresses: string[]) =>
    () =>
      Promise.resolve(addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));

  it.each(['http://2130706433/', 'http://0x7f.0.0.1/', 'http://0x7f000001/', 'http://127.1/', 'http://017700000001/'])(
    'refuses the loopback written as %s (new URL normalises it)',
    async (url) => {
      await expect(resolvePublicUrl(url)).rejects.toThrow(UnsafeUrlError);
    },
  );

  it('refuses bracketed IPv6 and IPv4-mapped literals', async () => {
    await expect(resolvePublicUrl('http://[::1]:8080/')).rejects.toThrow(/nội bộ/);
    await expect(resolvePublicUrl('http://[::ffff:127.0.0.1]/')).rejects.toThrow(/nội bộ/);
    await expect(resolvePublicUrl('https://[fd00:ec2::254]/')).rejects.toThrow(/nội bộ/);
  });

  it('refuses other schemes, credentials and garbage', async () => {
    await expect(resolvePublicUrl('ftp://example.org/')).rejects.toThrow(/http/);
    await expect(resolvePublicUrl('file:///etc/passwd')).rejects.toThrow(/http/);
    await expect(resolvePublicUrl('https://u:p@example.org/')).rejects.toThrow(/mật khẩu/);
    await expect(resolvePublicUrl('not a url')).rejects.toThrow(/URL/);
  });

  it('refuses a name when any of its addresses is private, and one that does not resolve', async () => {
    await expect(
      resolvePublicUrl('https://hooks.example.org/x', { resolve: resolveTo('93.184.216.34', '10.0.0.5') }),
    ).rejects.toThrow(/10\.0\.0\.5/);
    await expect(
      resolvePublicUrl('https://hooks.example.org/x', { resolve: () => Promise.reject(new Error('ENOTFOUND')) }),
    ).rejects.toThrow(/phân giải/);
  });

  it('answers the checked address to connect to', async () => {
    const target = await resolvePublicUrl('https://hooks.example.org/x', {
      resolve: resolveTo('2001:db8::10', '93.184.216.34'),
    });
    expect(target).toMatchObject({ address: '2001:db8::10', family: 6 });
    expect(target.url.hostname).toBe('hooks.example.org');
  });

  it('allows private targets only when told to', async () => {
    await expect(resolvePublicUrl('http://127.0.0.1:9/', { allowPrivate: true })).resolves.toMatchObject({
      address: '127.0.0.1',
      family: 4,
    });
  });
});
