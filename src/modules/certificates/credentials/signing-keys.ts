import * as jose from 'jose';
import { createPublicKey, KeyObject, randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ConfigError, Environment } from '../../../config/environment';

/** EdDSA over Ed25519 (RFC 8037): small keys and signatures, deterministic, in every JOSE library. */
export const SIGNING_ALGORITHM = 'EdDSA';

export interface SigningKey {
  /** RFC 7638 JWK thumbprint (SHA-256, base64url): the key's id, stable whatever else the JWK carries. */
  thumbprint: string;
  /** The public part only: `kty`, `crv`, `x`. */
  publicJwk: jose.JWK;
}

export interface SigningKeys {
  /** Signs everything new: the first private key of the list. */
  current: SigningKey & { privateKey: KeyObject };
  /** Every key in the configured order: the current one and the retired ones old credentials name. */
  all: SigningKey[];
}

export type SigningKeySettings = Pick<
  Environment,
  'NODE_ENV' | 'STORAGE_DIR' | 'CREDENTIAL_SIGNING_KEYS' | 'CREDENTIAL_SIGNING_KEYS_FILE'
>;

/** Where development and test keep the key they generate on first use. */
export const generatedKeysFile = (storageDir: string) => join(storageDir, 'keys', 'credential-signing-keys.json');

const MISSING_IN_PRODUCTION =
  'CREDENTIAL_SIGNING_KEYS or CREDENTIAL_SIGNING_KEYS_FILE is required when NODE_ENV=production (a JSON array of Ed25519 private JWKs)';

/**
 * The credential signing keys, from (in order) CREDENTIAL_SIGNING_KEYS, the file named by
 * CREDENTIAL_SIGNING_KEYS_FILE, or, outside production, a key generated once under STORAGE_DIR.
 *
 * Rotation: put a new private JWK first in the array and keep the old ones after it (their private
 * part may be dropped). New credentials are signed with the new key; the JWKS and the DID document
 * still list the old public keys, so credentials signed before the rotation keep verifying.
 */
export async function loadSigningKeys(settings: SigningKeySettings): Promise<SigningKeys> {
  if (settings.CREDENTIAL_SIGNING_KEYS) {
    return parseSigningKeys(settings.CREDENTIAL_SIGNING_KEYS, 'CREDENTIAL_SIGNING_KEYS');
  }
  if (settings.CREDENTIAL_SIGNING_KEYS_FILE) {
    const file = settings.CREDENTIAL_SIGNING_KEYS_FILE;
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new ConfigError([`CREDENTIAL_SIGNING_KEYS_FILE ${JSON.stringify(file)} cannot be read (${error.code})`]);
    });
    return parseSigningKeys(text, 'CREDENTIAL_SIGNING_KEYS_FILE');
  }
  if (settings.NODE_ENV === 'production') throw new ConfigError([MISSING_IN_PRODUCTION]);
  const file = generatedKeysFile(settings.STORAGE_DIR);
  return parseSigningKeys(await generatedKeys(file), file);
}

/** A fresh Ed25519 private JWK, as CREDENTIAL_SIGNING_KEYS holds it. */
export async function generateSigningJwk(): Promise<jose.JWK> {
  const { privateKey } = await jose.generateKeyPair(SIGNING_ALGORITHM, { crv: 'Ed25519', extractable: true });
  return jose.exportJWK(privateKey);
}

/**
 * Reads the generated key file, creating it on first use. The content is written to a private
 * temporary file and then hard-linked into place, which fails if the file already exists: processes
 * starting together all end up reading the one complete file that won, never a half-written one.
 */
async function generatedKeys(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, `${JSON.stringify([await generateSigningJwk()], null, 2)}\n`, { flag: 'wx', mode: 0o600 });
  try {
    await link(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(temporary);
  }
  return readFile(file, 'utf8');
}

/** Never quotes the text: it holds private keys. */
async function parseSigningKeys(text: string, source: string): Promise<SigningKeys> {
  const invalid = (why: string) => new ConfigError([`${source}: ${why}`]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid('is not valid JSON (expected an array of Ed25519 JWKs)');
  }
  if (!Array.isArray(parsed) || parsed.length === 0) throw invalid('must be a non-empty JSON array of Ed25519 JWKs');

  const all: SigningKey[] = [];
  let current: SigningKeys['current'] | undefined;
  for (const [position, entry] of parsed.entries()) {
    const jwk = entry as jose.JWK;
    if (!jwk || jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') {
      throw invalid(`key ${position} is not an Ed25519 JWK (kty "OKP", crv "Ed25519", x)`);
    }
    const publicJwk: jose.JWK = { kty: jwk.kty, crv: jwk.crv, x: jwk.x };
    const key = { thumbprint: await jose.calculateJwkThumbprint(publicJwk, 'sha256'), publicJwk };
    if (all.some((known) => known.thumbprint === key.thumbprint)) continue;
    all.push(key);
    if (!current && typeof jwk.d === 'string') {
      const privateKey = (await jose.importJWK({ ...publicJwk, d: jwk.d }, SIGNING_ALGORITHM).catch(() => {
        throw invalid(`key ${position} has a private part that does not import`);
      })) as KeyObject;
      // Node derives the public key from `d` alone: an `x` of another key would publish the wrong one.
      if (createPublicKey(privateKey).export({ format: 'jwk' }).x !== jwk.x) {
        throw invalid(`key ${position}: its "x" is not the public half of its "d"`);
      }
      current = { ...key, privateKey };
    }
  }
  if (!current) throw invalid('has no private key to sign with (the first JWK with "d" signs)');
  return { current, all };
}
