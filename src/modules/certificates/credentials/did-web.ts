import type { JWK } from 'jose';

/**
 * The `did:web` identifier of a deployment reached at `baseUrl` (did:web method specification,
 * "Method-specific identifier"): the host, with a port percent-encoded as `%3A`, then each path
 * segment after a `:`. Resolvers ("Read (Resolve)") fetch `https://<host>/.well-known/did.json` for a
 * bare host and `https://<host>/<path>/did.json` otherwise, so a PUBLIC_BASE_URL with a path needs its
 * proxy to send `<path>/did.json` to this API's `/.well-known/did.json`.
 */
export function didWeb(baseUrl: string): string {
  const url = new URL(baseUrl);
  const host = url.port ? `${url.hostname}%3A${url.port}` : url.hostname;
  const segments = url.pathname.split('/').filter(Boolean).map(encodeURIComponent);
  return ['did:web', host, ...segments].join(':');
}

/** A key's DID URL: the `kid` of what it signs and the `id` of its verification method. */
export const verificationMethodId = (did: string, thumbprint: string) => `${did}#${thumbprint}`;

export interface DidDocument {
  '@context': string[];
  id: string;
  verificationMethod: { id: string; type: 'JsonWebKey2020'; controller: string; publicKeyJwk: JWK }[];
  assertionMethod: string[];
  authentication: string[];
}

/**
 * The DID document (DID Core §5, verification methods and relationships) listing every key as a JsonWebKey2020 verification method. Retired
 * keys stay in `assertionMethod`: the credentials they signed were asserted by this issuer.
 */
export function didDocument(did: string, keys: { thumbprint: string; publicJwk: JWK }[]): DidDocument {
  const methods = keys.map((key) => ({
    id: verificationMethodId(did, key.thumbprint),
    type: 'JsonWebKey2020' as const,
    controller: did,
    publicKeyJwk: key.publicJwk,
  }));
  const ids = methods.map((method) => method.id);
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/jws-2020/v1'],
    id: did,
    verificationMethod: methods,
    assertionMethod: ids,
    authentication: ids,
  };
}
