import { didDocument, didWeb } from './did-web';

describe('didWeb', () => {
  it.each([
    ['http://localhost:3000', 'did:web:localhost%3A3000'],
    ['https://lyluan.example.vn', 'did:web:lyluan.example.vn'],
    ['https://lyluan.example.vn/', 'did:web:lyluan.example.vn'],
    ['https://Truong.Example.VN:443', 'did:web:truong.example.vn'],
    ['https://example.vn:8443/truong/chinh-tri/', 'did:web:example.vn%3A8443:truong:chinh-tri'],
  ])('%s → %s', (url, did) => {
    expect(didWeb(url)).toBe(did);
  });
});

describe('didDocument', () => {
  it('lists every key as a JsonWebKey2020 method that may assert credentials', () => {
    const did = 'did:web:localhost%3A3000';
    const keys = [
      { thumbprint: 'new', publicJwk: { kty: 'OKP', crv: 'Ed25519', x: 'bmV3' } },
      { thumbprint: 'old', publicJwk: { kty: 'OKP', crv: 'Ed25519', x: 'b2xk' } },
    ];
    const document = didDocument(did, keys);
    expect(document['@context'][0]).toBe('https://www.w3.org/ns/did/v1');
    expect(document.id).toBe(did);
    expect(document.verificationMethod).toEqual([
      { id: `${did}#new`, type: 'JsonWebKey2020', controller: did, publicKeyJwk: keys[0].publicJwk },
      { id: `${did}#old`, type: 'JsonWebKey2020', controller: did, publicKeyJwk: keys[1].publicJwk },
    ]);
    expect(document.assertionMethod).toEqual([`${did}#new`, `${did}#old`]);
    expect(document.authentication).toEqual([`${did}#new`, `${did}#old`]);
  });
});
