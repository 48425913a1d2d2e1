import { Injectable } from '@nestjs/common';
import * as jose from 'jose';
import { Environment } from '../../../config/environment';
import { didDocument, DidDocument, didWeb, verificationMethodId } from './did-web';
import { CredentialSource, openBadgeCredential, validFrom } from './open-badge';
import { publicUrl } from '../../../common/public-url';
import { SIGNING_ALGORITHM, loadSigningKeys, SigningKeys } from './signing-keys';
import { encodeStatusList, statusListUrl } from './status-list';

/** A status list may be cached this long; its `ttl` says the same (Bitstring Status List §2.2). */
export const STATUS_LIST_TTL_SECONDS = 60;

const seconds = (at: Date) => Math.floor(at.getTime() / 1000);

/**
 * Signs certificates as Open Badges 3.0 VC-JWTs and publishes what verifiers need to check them: the
 * JWKS, the did:web DID document, and the signed revocation status lists.
 */
@Injectable()
export class CredentialsService {
  private keys?: Promise<SigningKeys>;
  private readonly baseUrl: string;
  private readonly did: string;

  constructor(private readonly env: Environment) {
    this.baseUrl = publicUrl(env.PUBLIC_BASE_URL);
    this.did = didWeb(this.baseUrl);
  }

  /**
   * The OpenBadgeCredential as a compact JWS (OB 3.0 §8.2): the payload is the credential itself with
   * the registered claims §8.2.4.1 maps from it, `iss` = issuer.id, `jti` = id, `sub` =
   * credentialSubject.id, `nbf` = validFrom (and `iat`, the same instant). Ed25519 signatures are
   * deterministic, so the same certificate always yields the same token.
   */
  async signCertificate(source: CredentialSource): Promise<string> {
    const credential = openBadgeCredential(source, { did: this.did, baseUrl: this.baseUrl });
    // OB 3.0 §8.2.3: `typ`, if present, MUST be "JWT"; `kid` a URI dereferencing to the key.
    return this.sign(credential, 'JWT', {
      iss: credential.issuer.id,
      jti: credential.id,
      sub: credential.credentialSubject.id,
      nbf: seconds(source.issuedAt),
      iat: seconds(source.issuedAt),
    });
  }

  /**
   * The BitstringStatusListCredential of list `listId` (Bitstring Status List §2.2), secured as a
   * VC-JWT per its §3.6 and VC-JOSE-COSE §3.1.1 (`typ` "vc+jwt", served as application/vc+jwt).
   */
  async statusListCredential(listId: number, setIndices: number[]): Promise<string> {
    const id = statusListUrl(this.baseUrl, listId);
    const now = new Date();
    const credential = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: this.did,
      validFrom: validFrom(now),
      credentialSubject: {
        id: `${id}#list`,
        type: 'BitstringStatusList',
        statusPurpose: 'revocation',
        encodedList: encodeStatusList(setIndices),
        ttl: STATUS_LIST_TTL_SECONDS * 1000,
      },
    };
    return this.sign(credential, 'vc+jwt', {
      iss: this.did,
      jti: id,
      sub: credential.credentialSubject.id,
      nbf: seconds(now),
      iat: seconds(now),
    });
  }

  /** Every public key, current and retired, each `kid` the DID URL that signed tokens carry. */
  async jwks(): Promise<{ keys: jose.JWK[] }> {
    const { all } = await this.signingKeys();
    return {
      keys: all.map((key) => ({
        ...key.publicJwk,
        kid: verificationMethodId(this.did, key.thumbprint),
        alg: SIGNING_ALGORITHM,
        use: 'sig',
      })),
    };
  }

  async didDocument(): Promise<DidDocument> {
    return didDocument(this.did, (await this.signingKeys()).all);
  }

  private async sign(payload: object, typ: string, claims: jose.JWTPayload): Promise<string> {
    const { current } = await this.signingKeys();
    return new jose.SignJWT({ ...payload, ...claims })
      .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: verificationMethodId(this.did, current.thumbprint), typ })
      .sign(current.privateKey);
  }

  /** Loaded on first use, once per process; a failed load is retried by the next caller. */
  private signingKeys(): Promise<SigningKeys> {
    this.keys ??= loadSigningKeys(this.env).catch((error: unknown) => {
      this.keys = undefined;
      throw error;
    });
    return this.keys;
  }
}
