import { createHash } from 'node:crypto';
import type { Classification } from '../enrollments/completion';

/**
 * Everything printed on a certificate, frozen at issue time: later edits to a person, a class or a
 * unit's settings never change it. Strings are NFC. The content hash is SHA-256 over
 * `canonicalJson(content)` (docs/certificates.md says how a third party recomputes it).
 */
export interface CertificateContent {
  serial: string;
  learner: { fullName: string; dateOfBirth: string | null };
  program: { code: string; name: string };
  class: { code: string; title: string; startsOn: string; endsOn: string };
  result: { finalScore: number | null; classification: Classification | null; classificationLabel: string };
  issuer: { orgUnitCode: string; name: string; headerLines: string[] };
  /** `authority` is "KT. GIÁM ĐỐC" when an authorised deputy signs, printed above `title`. */
  signer: { name: string; title: string; authority: string | null };
  place: string;
  /** The issue day in the class's timezone, YYYY-MM-DD. */
  issuedOn: string;
}

export const CLASSIFICATION_LABELS: Record<Classification, string> = {
  xuat_sac: 'Xuất sắc',
  gioi: 'Giỏi',
  kha: 'Khá',
  trung_binh: 'Trung bình',
  khong_dat: 'Không đạt',
};

/**
 * JSON canonicalisation after RFC 8785 (JCS) for the values a certificate holds: object keys sorted
 * by UTF-16 code units, no whitespace, strings escaped as `JSON.stringify` does (which JCS adopts),
 * numbers in ECMAScript's shortest form.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonical JSON has no form for a non-finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new TypeError(`canonical JSON has no form for ${typeof value}`);
}

/** Lower-case hex SHA-256 of the canonical JSON of the printed content. */
export function contentHash(content: CertificateContent): string {
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}

/** Every string of the content in NFC: decomposed text prints right but extracts garbled. */
export function normalizeContent<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map(normalizeContent) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalizeContent(v)])) as T;
  }
  return value;
}

export const CERTIFICATE_STATUSES = ['pending', 'valid', 'revoked', 'superseded'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

/** What `GET /verify/:code` tells anyone holding the code: the printed content and where it stands. */
export interface CertificateVerification {
  status: Exclude<CertificateStatus, 'pending'>;
  content: CertificateContent;
  contentHash: string;
  issuedAt: string;
  revokedAt: string | null;
  revocationReason: string | null;
  /** When a reissue replaced it (status `superseded`), and the reason given. */
  supersededAt: string | null;
  supersededReason: string | null;
  /** The page's own address, as printed in the QR code. */
  verifyUrl: string;
}
