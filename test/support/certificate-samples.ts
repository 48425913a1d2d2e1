import {
  CertificateContent,
  CertificateVerification,
  contentHash,
} from '../../src/modules/certificates/certificate-content';

/** A new member's certificate from the Bắc Ninh political school, signed by an authorised deputy. */
export function sampleContent(change: Partial<CertificateContent> = {}): CertificateContent {
  return {
    serial: 'TCT-BN/2026/000123',
    learner: { fullName: 'Nguyễn Thị Hồng Nhung', dateOfBirth: '1998-08-17' },
    program: { code: 'DVM', name: 'Bồi dưỡng lý luận chính trị cho đảng viên mới' },
    class: {
      code: 'DVM-2026-03',
      title: 'Lớp bồi dưỡng lý luận chính trị cho đảng viên mới khóa III năm 2026',
      startsOn: '2026-03-09',
      endsOn: '2026-03-20',
    },
    result: { finalScore: 8.5, classification: 'gioi', classificationLabel: 'Giỏi' },
    issuer: {
      orgUnitCode: 'TCT-BACNINH',
      name: 'Trường Chính trị Nguyễn Văn Cừ',
      headerLines: ['TỈNH ỦY BẮC NINH', 'TRƯỜNG CHÍNH TRỊ NGUYỄN VĂN CỪ'],
    },
    signer: { name: 'Trần Văn Hùng', title: 'PHÓ GIÁM ĐỐC', authority: 'KT. GIÁM ĐỐC' },
    place: 'Bắc Ninh',
    issuedOn: '2026-03-20',
    ...change,
  };
}

/** What the verify page gets for `content`: valid unless `change` says otherwise. */
export function sampleVerification(
  change: Partial<CertificateVerification> = {},
  content = sampleContent(),
): CertificateVerification {
  return {
    status: 'valid',
    content,
    contentHash: contentHash(content),
    issuedAt: '2026-03-20T03:15:00.000Z',
    revokedAt: null,
    revocationReason: null,
    supersededAt: null,
    supersededReason: null,
    verifyUrl: 'https://lyluan.example.vn/verify/q7Hx2mVb9KpL4tRz8WcN3e',
    ...change,
  };
}

/** The sample as the PDF specs print it: a short class title, so its line never wraps. */
export const SAMPLE_CERTIFICATE: CertificateContent = sampleContent({
  learner: { fullName: 'Nguyễn Thị Hồng Nhung', dateOfBirth: '1994-03-07' },
  class: {
    code: 'DVM-2026-07',
    title: 'Lớp bồi dưỡng đảng viên mới khóa 7',
    startsOn: '2026-11-02',
    endsOn: '2026-11-08',
  },
  issuedOn: '2026-12-05',
});

export const SAMPLE_VERIFY_URL = 'https://lyluan.example.vn/verify/3q2-7wEjRVSWh5qrzN3u_w';

/** Words repeated to `length` characters, cut at a word. */
function longText(words: string, length: number): string {
  let text = words;
  while (text.length < length) text += ` ${words}`;
  return text.slice(0, length).trimEnd();
}

/** Every free-text field at the longest the API accepts (names 200, programme and class 300). */
export const LONGEST_CERTIFICATE: CertificateContent = {
  ...SAMPLE_CERTIFICATE,
  learner: { ...SAMPLE_CERTIFICATE.learner, fullName: longText('Nguyễn Thị Hồng Nhung', 200) },
  program: { ...SAMPLE_CERTIFICATE.program, name: longText('Bồi dưỡng lý luận chính trị cho đảng viên mới', 300) },
  class: { ...SAMPLE_CERTIFICATE.class, title: longText('Lớp bồi dưỡng đảng viên mới khóa 7', 300) },
};
