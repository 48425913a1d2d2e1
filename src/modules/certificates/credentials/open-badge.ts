import { CertificateContent, CLASSIFICATION_LABELS } from '../certificate-content';
import { verifyUrl } from '../issuance';
import { BitstringStatusListEntry, statusListEntry, statusListPosition } from './status-list';

/** VC Data Model 2.0, then the Open Badges 3.0 context, in that order (as OB 3.0's own examples). */
export const OPEN_BADGE_CONTEXT = [
  'https://www.w3.org/ns/credentials/v2',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
];

/** The JSON Schema 1EdTech validators check an OpenBadgeCredential against (OB 3.0 `credentialSchema`). */
const ACHIEVEMENT_CREDENTIAL_SCHEMA =
  'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';

export interface CredentialSource {
  certificateId: string;
  verificationCode: string;
  /** The learner's person id: `credentialSubject.id` (and so `sub`) is `urn:uuid:<learnerId>`. */
  learnerId: string;
  content: CertificateContent;
  contentHash: string;
  issuedAt: Date;
  /** The certificate's running status index; `statusListPosition` turns it into a list and a bit. */
  statusIndex: number;
}

export interface IssuerIdentity {
  did: string;
  /** PUBLIC_BASE_URL: the issuer profile's `url` and the base of the verify and status list URLs. */
  baseUrl: string;
}

export type OpenBadgeCredential = ReturnType<typeof openBadgeCredential>;

/** `validFrom` in whole seconds: OB 3.0 §8.2.6.1 requires the `nbf` claim to equal it exactly. */
export const validFrom = (at: Date) =>
  new Date(Math.floor(at.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** YYYY-MM-DD as Vietnamese text writes a date, DD/MM/YYYY. */
const vietnameseDate = (day: string) => day.split('-').reverse().join('/');

/**
 * The certificate as an Open Badges 3.0 OpenBadgeCredential (OB 3.0 data model, AchievementCredential,
 * AchievementSubject, IdentityObject, Result). The learner is identified by name (an IdentityObject:
 * learners have no DID) and by an opaque `urn:uuid`, since §8.2.4.1 requires `sub` =
 * `credentialSubject.id`. The printed classification and score are `Result`s; the evidence is the
 * public verify page, which shows the printed content and its SHA-256 content hash.
 */
export function openBadgeCredential(source: CredentialSource, issuer: IssuerIdentity) {
  const { content } = source;
  const achievementId = `urn:lyluan:program:${encodeURIComponent(content.program.code)}`;
  const classificationId = `${achievementId}:classification`;
  const scoreId = `${achievementId}:final-score`;
  const { listId, index } = statusListPosition(source.statusIndex);
  const status: BitstringStatusListEntry = statusListEntry(issuer.baseUrl, listId, index);
  const classDates = `từ ngày ${vietnameseDate(content.class.startsOn)} đến ngày ${vietnameseDate(content.class.endsOn)}`;

  const result: { type: ['Result']; resultDescription: string; value: string }[] = [];
  if (content.result.classification !== null) {
    result.push({ type: ['Result'], resultDescription: classificationId, value: content.result.classificationLabel });
  }
  if (content.result.finalScore !== null) {
    result.push({ type: ['Result'], resultDescription: scoreId, value: String(content.result.finalScore) });
  }

  return {
    '@context': OPEN_BADGE_CONTEXT,
    id: `urn:uuid:${source.certificateId}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: `Giấy chứng nhận hoàn thành chương trình ${content.program.name}`,
    description:
      `${content.learner.fullName} đã hoàn thành chương trình ${content.program.name}, ` +
      `lớp ${content.class.title} (${content.class.code}) ${classDates}. Số hiệu: ${content.serial}.`,
    issuer: { id: issuer.did, type: ['Profile'], name: content.issuer.name, url: issuer.baseUrl },
    validFrom: validFrom(source.issuedAt),
    credentialSubject: {
      id: `urn:uuid:${source.learnerId}`,
      type: ['AchievementSubject'],
      identifier: [
        { type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: content.learner.fullName },
      ],
      achievement: {
        id: achievementId,
        type: ['Achievement'],
        achievementType: 'Certificate',
        humanCode: content.program.code,
        name: content.program.name,
        description: `Hoàn thành chương trình ${content.program.name} (mã ${content.program.code}).`,
        criteria: {
          narrative:
            `Học viên tham gia đầy đủ chương trình ${content.program.name} và đạt các điều kiện hoàn thành ` +
            'khóa học (chuyên cần, bài học bắt buộc, kết quả đánh giá cuối khóa) theo quy định của khóa học. ' +
            'Giấy chứng nhận do cơ sở tổ chức lớp học cấp theo Hướng dẫn 154-HD/BTGTW.',
        },
        resultDescription: [
          {
            id: classificationId,
            type: ['ResultDescription'],
            name: 'Xếp loại',
            resultType: 'PerformanceLevel',
            allowedValue: Object.values(CLASSIFICATION_LABELS),
          },
          {
            id: scoreId,
            type: ['ResultDescription'],
            name: 'Điểm tổng kết (thang điểm 10)',
            resultType: 'RawScore',
            valueMin: '0',
            valueMax: '10',
          },
        ],
      },
      ...(result.length > 0 ? { result } : {}),
    },
    evidence: [
      {
        id: verifyUrl(issuer.baseUrl, source.verificationCode),
        type: ['Evidence'],
        name: 'Trang xác minh giấy chứng nhận',
        description:
          `Nội dung in trên giấy chứng nhận số ${content.serial} và trạng thái hiện tại của nó. ` +
          `Mã băm SHA-256 của nội dung: ${source.contentHash}.`,
      },
    ],
    credentialSchema: [{ id: ACHIEVEMENT_CREDENTIAL_SCHEMA, type: '1EdTechJsonSchemaValidator2019' }],
    credentialStatus: status,
  };
}
