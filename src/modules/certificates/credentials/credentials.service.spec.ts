import * as jose from 'jose';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnvironment } from '../../../config/environment';
import { CertificateContent, contentHash } from '../certificate-content';
import { CredentialsService } from './credentials.service';
import { CredentialSource } from './open-badge';
import { generateSigningJwk } from './signing-keys';
import { decodeStatusList } from './status-list';

const content: CertificateContent = {
  serial: 'TTCT-HK/2026/000042',
  learner: { fullName: 'Nguyễn Thị Hồng Nhung', dateOfBirth: '1998-04-12' },
  program: { code: 'LLCT-DVM', name: 'Lý luận chính trị dành cho đảng viên mới' },
  class: { code: 'DVM-2026-03', title: 'Lớp đảng viên mới khóa 3', startsOn: '2026-03-02', endsOn: '2026-03-09' },
  result: { finalScore: 8.5, classification: 'gioi', classificationLabel: 'Giỏi' },
  issuer: { orgUnitCode: 'TTCT-HK', name: 'Trung tâm Chính trị quận Hoàn Kiếm', headerLines: ['QUẬN ỦY HOÀN KIẾM'] },
  signer: { name: 'Trần Văn Bình', title: 'GIÁM ĐỐC', authority: null },
  place: 'Hà Nội',
  issuedOn: '2026-03-10',
};

const source: CredentialSource = {
  certificateId: '6f1c2a57-8d0e-4b7a-9c3f-2e5d1a4b6c70',
  verificationCode: 'q3V8kT0wZbN5yR2hL7mXcA',
  learnerId: '0b7e4d1a-3c2f-4e5b-8a9d-1f6c7e8d9a0b',
  content,
  contentHash: contentHash(content),
  issuedAt: new Date('2026-03-10T02:15:30.250Z'),
  statusIndex: 131_072 + 17,
};

const publicOnly = ({ kty, crv, x }: jose.JWK): jose.JWK => ({ kty, crv, x });

describe('CredentialsService', () => {
  let dir: string;
  const service = (keys?: jose.JWK[]) =>
    new CredentialsService(
      loadEnvironment({
        NODE_ENV: 'test',
        PUBLIC_BASE_URL: 'http://localhost:3000',
        STORAGE_DIR: dir,
        CREDENTIAL_SIGNING_KEYS: keys ? JSON.stringify(keys) : '',
      }),
    );
  const verify = async (token: string, credentials: CredentialsService) =>
    jose.jwtVerify(token, jose.createLocalJWKSet(await credentials.jwks()));

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lyluan-credentials-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('signs an OpenBadgeCredential that verifies against its own JWKS, with the OB 3.0 §8.2 header and claims', async () => {
    const credentials = service();
    const token = await credentials.signCertificate(source);
    const { payload, protectedHeader } = await verify(token, credentials);

    const did = 'did:web:localhost%3A3000';
    expect(Object.keys(protectedHeader).sort()).toEqual(['alg', 'kid', 'typ']);
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', typ: 'JWT' });
    expect(protectedHeader.kid).toMatch(new RegExp(`^${did}#[A-Za-z0-9_-]{43}$`));

    expect(payload).toMatchObject({
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ],
      id: `urn:uuid:${source.certificateId}`,
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: did, type: ['Profile'], name: content.issuer.name, url: 'http://localhost:3000' },
      validFrom: '2026-03-10T02:15:30Z',
      name: 'Giấy chứng nhận hoàn thành chương trình Lý luận chính trị dành cho đảng viên mới',
      credentialSubject: {
        id: `urn:uuid:${source.learnerId}`,
        type: ['AchievementSubject'],
        identifier: [
          { type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: 'Nguyễn Thị Hồng Nhung' },
        ],
        achievement: {
          type: ['Achievement'],
          achievementType: 'Certificate',
          name: content.program.name,
          criteria: { narrative: expect.stringContaining('Hướng dẫn 154-HD/BTGTW') },
        },
        result: [
          { type: ['Result'], value: 'Giỏi' },
          { type: ['Result'], value: '8.5' },
        ],
      },
      evidence: [{ id: `http://localhost:3000/verify/${source.verificationCode}`, type: ['Evidence'] }],
      credentialStatus: {
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: '17',
        statusListCredential: 'http://localhost:3000/api/v1/credentials/status/2',
      },
    });
    const subject = payload.credentialSubject as {
      achievement: { description: string; resultDescription: { id: string }[] };
    };
    expect(subject.achievement.description).toContain(content.program.name);
    const results = (payload.credentialSubject as { result: { resultDescription: string }[] }).result;
    expect(results.map((r) => r.resultDescription)).toEqual(subject.achievement.resultDescription.map((d) => d.id));
    expect(JSON.stringify(payload)).toContain(source.contentHash);

    // §8.2.4.1: the registered claims are the credential's own values.
    expect(payload.iss).toBe(did);
    expect(payload.jti).toBe(payload.id);
    expect(payload.sub).toBe((payload.credentialSubject as { id: string }).id);
    expect(payload.nbf).toBe(Date.parse(payload.validFrom as string) / 1000);
  });

  it('fails verification when one byte of the payload changes', async () => {
    const credentials = service();
    const token = await credentials.signCertificate(source);
    const [header, body, signature] = token.split('.');
    const json = Buffer.from(body, 'base64url');
    const at = json.indexOf('"value":"Giỏi"') + '"value":"'.length;
    json[at] = 'H'.charCodeAt(0);
    const tampered = [header, json.toString('base64url'), signature].join('.');

    expect(JSON.parse(json.toString()).credentialSubject.result[0].value).toBe('Hiỏi');
    await expect(verify(tampered, credentials)).rejects.toBeInstanceOf(jose.errors.JWSSignatureVerificationFailed);
    await expect(verify(token, credentials)).resolves.toBeDefined();
  });

  it('publishes only public key material, in the JWKS and the DID document alike', async () => {
    const credentials = service();
    const { keys } = await credentials.jwks();
    const document = await credentials.didDocument();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
    expect(keys[0]).not.toHaveProperty('d');
    expect(document.id).toBe('did:web:localhost%3A3000');
    expect(document.assertionMethod).toEqual([keys[0].kid]);
    expect(document.verificationMethod[0].publicKeyJwk).toEqual(publicOnly(keys[0]));
  });

  it('after a rotation, old credentials still verify and new ones carry the new kid', async () => {
    const oldKey = await generateSigningJwk();
    const before = service([oldKey]);
    const oldToken = await before.signCertificate(source);
    const oldKid = jose.decodeProtectedHeader(oldToken).kid;

    const after = service([await generateSigningJwk(), publicOnly(oldKey)]);
    const newToken = await after.signCertificate(source);
    const newKid = jose.decodeProtectedHeader(newToken).kid;

    expect(newKid).not.toBe(oldKid);
    expect((await after.jwks()).keys.map((k) => k.kid)).toEqual([newKid, oldKid]);
    await expect(verify(oldToken, after)).resolves.toMatchObject({ protectedHeader: { kid: oldKid } });
    await expect(verify(newToken, after)).resolves.toMatchObject({ protectedHeader: { kid: newKid } });
    await expect(verify(newToken, before)).rejects.toBeInstanceOf(jose.errors.JWKSNoMatchingKey);
  });

  it('signs the status list as a BitstringStatusListCredential whose bits are the revoked ones', async () => {
    const credentials = service();
    const token = await credentials.statusListCredential(2, [17, 40_000]);
    const { payload, protectedHeader } = await verify(token, credentials);
    const list = 'http://localhost:3000/api/v1/credentials/status/2';

    expect(protectedHeader.typ).toBe('vc+jwt');
    expect(payload).toMatchObject({
      id: list,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: 'did:web:localhost%3A3000',
      credentialSubject: { id: `${list}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation' },
      iss: 'did:web:localhost%3A3000',
      jti: list,
    });
    const isSet = decodeStatusList((payload.credentialSubject as { encodedList: string }).encodedList);
    expect([16, 17, 18, 40_000].map(isSet)).toEqual([false, true, false, true]);
  });

  it('loads the keys once per process, even when the first uses overlap', async () => {
    const credentials = service();
    const [first, second] = await Promise.all([credentials.jwks(), credentials.jwks()]);
    expect(second).toEqual(first);
    expect(await credentials.jwks()).toEqual(first);
  });
});
