import * as jose from 'jose';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../../config/environment';
import { generatedKeysFile, generateSigningJwk, loadSigningKeys, SigningKeySettings } from './signing-keys';

const publicOnly = ({ kty, crv, x }: jose.JWK): jose.JWK => ({ kty, crv, x });

describe('loadSigningKeys', () => {
  let dir: string;
  const settings = (overrides: Partial<SigningKeySettings> = {}): SigningKeySettings => ({
    NODE_ENV: 'test',
    STORAGE_DIR: dir,
    CREDENTIAL_SIGNING_KEYS: '',
    CREDENTIAL_SIGNING_KEYS_FILE: '',
    ...overrides,
  });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lyluan-keys-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('refuses to run in production without keys, saying what to set', async () => {
    const load = loadSigningKeys(settings({ NODE_ENV: 'production' }));
    await expect(load).rejects.toBeInstanceOf(ConfigError);
    await expect(load).rejects.toThrow(/CREDENTIAL_SIGNING_KEYS or CREDENTIAL_SIGNING_KEYS_FILE is required/);
    await expect(stat(generatedKeysFile(dir))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('signs with the first private key and keeps retired ones, private or public-only, for verification', async () => {
    const [retiredPublic, current, retiredPrivate] = await Promise.all([1, 2, 3].map(() => generateSigningJwk()));
    const keys = await loadSigningKeys(
      settings({
        NODE_ENV: 'production',
        CREDENTIAL_SIGNING_KEYS: JSON.stringify([publicOnly(retiredPublic), current, retiredPrivate]),
      }),
    );
    expect(keys.current.thumbprint).toBe(await jose.calculateJwkThumbprint(publicOnly(current)));
    expect(keys.all.map((k) => k.publicJwk)).toEqual([retiredPublic, current, retiredPrivate].map(publicOnly));
    expect(keys.all.every((k) => !('d' in k.publicJwk))).toBe(true);
  });

  it('reads CREDENTIAL_SIGNING_KEYS_FILE when the variable itself is empty', async () => {
    const jwk = await generateSigningJwk();
    const file = join(dir, 'mounted-secret.json');
    await writeFile(file, JSON.stringify([jwk]));
    const keys = await loadSigningKeys(settings({ NODE_ENV: 'production', CREDENTIAL_SIGNING_KEYS_FILE: file }));
    expect(keys.current.publicJwk).toEqual(publicOnly(jwk));
  });

  it('names what is wrong without quoting the key material', async () => {
    const jwk = await generateSigningJwk();
    const broken = `[${JSON.stringify(jwk)}`;
    await expect(loadSigningKeys(settings({ CREDENTIAL_SIGNING_KEYS: broken }))).rejects.toThrow(
      /CREDENTIAL_SIGNING_KEYS: is not valid JSON/,
    );
    await expect(loadSigningKeys(settings({ CREDENTIAL_SIGNING_KEYS: broken }))).rejects.not.toThrow(jwk.d!);
    await expect(
      loadSigningKeys(settings({ CREDENTIAL_SIGNING_KEYS: JSON.stringify([publicOnly(jwk)]) })),
    ).rejects.toThrow(/no private key/);
    const other = await generateSigningJwk();
    await expect(
      loadSigningKeys(settings({ CREDENTIAL_SIGNING_KEYS: JSON.stringify([{ ...jwk, x: other.x }]) })),
    ).rejects.toThrow(/not the public half/);
    await expect(
      loadSigningKeys(settings({ CREDENTIAL_SIGNING_KEYS: JSON.stringify([{ kty: 'RSA', n: 'x', e: 'AQAB' }]) })),
    ).rejects.toThrow(/key 0 is not an Ed25519 JWK/);
  });

  it('outside production generates a key once, private to the owner, and reuses it', async () => {
    const first = await loadSigningKeys(settings());
    const file = generatedKeysFile(dir);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const second = await loadSigningKeys(settings());
    expect(second.current.thumbprint).toBe(first.current.thumbprint);
    expect(JSON.parse(await readFile(file, 'utf8'))).toHaveLength(1);
  });

  it('two first-time loads racing in a fresh directory agree on one key', async () => {
    const loads = await Promise.all([loadSigningKeys(settings()), loadSigningKeys(settings())]);
    const stored = JSON.parse(await readFile(generatedKeysFile(dir), 'utf8')) as jose.JWK[];
    expect(stored).toHaveLength(1);
    const thumbprint = await jose.calculateJwkThumbprint(publicOnly(stored[0]));
    expect(loads.map((keys) => keys.current.thumbprint)).toEqual([thumbprint, thumbprint]);
  });
});
