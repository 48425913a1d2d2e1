import { randomBytes } from 'node:crypto';
import { publicUrl } from '../../common/public-url';
import { CertificateContent, CLASSIFICATION_LABELS, normalizeContent } from './certificate-content';
import type { IssuanceFacts } from './certificates.repository';
import type { CertificateSettings } from './entities/certificate-settings.entity';

/** 144 random bits, URL-safe: the verify page cannot be walked. */
export function newVerificationCode(): string {
  return randomBytes(18).toString('base64url');
}

/** Codes as `newVerificationCode` makes them; anything else is unknown without a lookup. */
export const VERIFICATION_CODE = /^[A-Za-z0-9_-]{24}$/;

/** The public verification page of a certificate, as printed in its QR code. */
export function verifyUrl(publicBaseUrl: string, code: string): string {
  return publicUrl(publicBaseUrl, `/verify/${encodeURIComponent(code)}`);
}

/** A serial as an ASCII file name (it goes into Content-Disposition): other characters become `-`. */
export function fileName(serial: string): string {
  return serial.replace(/[^A-Za-z0-9._-]+/g, '-');
}

/** What the certificate prints, from the rows and the issuing settings at this moment. */
export function certificateContent(
  facts: IssuanceFacts,
  settings: CertificateSettings,
  serial: string,
  issuedOn: string,
): CertificateContent {
  return normalizeContent({
    serial,
    learner: { fullName: facts.fullName, dateOfBirth: facts.dateOfBirth },
    program: { code: facts.programCode, name: facts.programName },
    class: { code: facts.classCode, title: facts.classTitle, startsOn: facts.startsOn, endsOn: facts.endsOn },
    result: {
      finalScore: facts.finalScore,
      classification: facts.classification,
      classificationLabel: facts.classification ? CLASSIFICATION_LABELS[facts.classification] : 'Hoàn thành',
    },
    issuer: { orgUnitCode: facts.unitCode, name: facts.unitName, headerLines: settings.headerLines },
    signer: { name: settings.signerName, title: settings.signerTitle, authority: settings.signerAuthority },
    place: settings.place,
    issuedOn,
  });
}
