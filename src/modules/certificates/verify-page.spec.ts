import { sampleContent, sampleVerification } from '../../../test/support/certificate-samples';
import { renderVerificationNotFoundPage, renderVerificationPage } from './verify-page';

/** What a reader sees, roughly: tags dropped, runs of whitespace as one space. */
const visible = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

const PAGE_BUDGET_BYTES = 6 * 1024;

const revoked = sampleVerification({
  status: 'revoked',
  // 01:30 on 1 June in Hà Nội, still 31 May in UTC.
  revokedAt: '2026-05-31T18:30:00.000Z',
  revocationReason: 'Cấp nhầm cho người chưa hoàn thành khóa học',
});
const superseded = sampleVerification({
  status: 'superseded',
  supersededAt: '2026-04-02T02:00:00.000Z',
  supersededReason: 'Sai ngày sinh của học viên',
});

describe('renderVerificationPage', () => {
  it('is a small Vietnamese HTML5 document for phones', () => {
    const html = renderVerificationPage(sampleVerification());
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<meta name="viewport" content="width=device-width,initial-scale=1">');
    expect(html).toContain('<title>Còn hiệu lực: giấy chứng nhận số TCT-BN/2026/000123</title>');
  });

  it('shows a valid certificate as valid, with everything printed on it', () => {
    const text = visible(renderVerificationPage(sampleVerification()));
    expect(text).toContain('Còn hiệu lực');
    expect(text).toContain('Nguyễn Thị Hồng Nhung');
    expect(text).toContain('Ngày sinh 17/08/1998');
    expect(text).toContain('Bồi dưỡng lý luận chính trị cho đảng viên mới');
    expect(text).toContain('Lớp bồi dưỡng lý luận chính trị cho đảng viên mới khóa III năm 2026');
    expect(text).toContain('Mã lớp: DVM-2026-03');
    expect(text).toContain('Từ 09/03/2026 đến 20/03/2026');
    expect(text).toContain('Xếp loại Giỏi , điểm 8,5');
    expect(text).toContain('TỈNH ỦY BẮC NINH TRƯỜNG CHÍNH TRỊ NGUYỄN VĂN CỪ');
    expect(text).toContain('Đơn vị cấp Trường Chính trị Nguyễn Văn Cừ');
    expect(text).toContain('KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC Trần Văn Hùng');
    expect(text).toContain('Bắc Ninh, 20/03/2026');
    expect(text).toContain('Số hiệu TCT-BN/2026/000123');
    expect(text).toContain(sampleVerification().contentHash);
    expect(text).toContain('SHA-256 của JSON chuẩn hoá (RFC 8785) của nội dung in trên giấy chứng nhận');
    expect(text).not.toContain('thu hồi');
    expect(text).not.toContain('thay thế');
    expect(text).not.toContain('Không còn hiệu lực');
  });

  it('says a revoked certificate was revoked, on which day in Việt Nam, and why', () => {
    const text = visible(renderVerificationPage(revoked));
    expect(text).toContain('Đã thu hồi');
    expect(text).toContain('đã bị thu hồi ngày 01/06/2026 và không còn hiệu lực');
    expect(text).toContain('Lý do: Cấp nhầm cho người chưa hoàn thành khóa học');
    expect(text).not.toContain('Còn hiệu lực');
    expect(text).toContain('GIẤY CHỨNG NHẬN Không còn hiệu lực');
    expect(text).toContain('Nguyễn Thị Hồng Nhung');
  });

  it('says a superseded certificate was replaced by a reissue and is no longer valid', () => {
    const text = visible(renderVerificationPage(superseded));
    expect(text).toContain('Đã được thay thế');
    expect(text).toContain('đã được thay thế bằng một giấy chứng nhận cấp lại ngày 02/04/2026 và không còn hiệu lực');
    expect(text).toContain('Lý do: Sai ngày sinh của học viên');
    expect(text).not.toContain('Còn hiệu lực');
  });

  it('writes whole scores without a comma, leaves out what was not printed', () => {
    const content = sampleContent({
      learner: { fullName: 'Lê Văn Tám', dateOfBirth: null },
      result: { finalScore: 9, classification: 'xuat_sac', classificationLabel: 'Xuất sắc' },
      signer: { name: 'Phạm Thị Lan', title: 'GIÁM ĐỐC', authority: null },
    });
    const text = visible(renderVerificationPage(sampleVerification({}, content)));
    expect(text).toContain('Xếp loại Xuất sắc , điểm 9 ');
    expect(text).not.toContain('Ngày sinh');
    expect(text).toContain('Người ký GIÁM ĐỐC Phạm Thị Lan');

    const unscored = sampleContent({ result: { finalScore: null, classification: null, classificationLabel: 'Đạt' } });
    expect(visible(renderVerificationPage(sampleVerification({}, unscored)))).toContain('Xếp loại Đạt Đơn vị cấp');
  });

  it('escapes every value it prints', () => {
    const hostile = `<script>alert(1)</script> & "x"`;
    const content = sampleContent({
      learner: { fullName: hostile, dateOfBirth: null },
      program: { code: 'X', name: `<img src=x onerror=alert(1)>` },
      place: hostile,
      serial: hostile,
    });
    const html = renderVerificationPage(
      sampleVerification({ status: 'revoked', revokedAt: null, revocationReason: hostile }, content),
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;');
    expect(html).toContain('<title>Đã thu hồi: giấy chứng nhận số &lt;script&gt;');
  });

  it.each([
    ['valid', sampleVerification()],
    ['revoked', revoked],
    ['superseded', superseded],
  ])('keeps the %s page small and self-contained', (_status, verification) => {
    const html = renderVerificationPage(verification);
    expect(Buffer.byteLength(html, 'utf8')).toBeLessThan(PAGE_BUDGET_BYTES);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<(link|img|iframe|object)\b|@import|url\(/i);
    expect(html.match(/https?:\/\/[^\s<"']+/g)).toEqual([verification.verifyUrl]);
  });
});

describe('renderVerificationNotFoundPage', () => {
  it('says nothing was found and how to check the code, in the same small page', () => {
    const html = renderVerificationNotFoundPage();
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('<title>Không tìm thấy giấy chứng nhận</title>');
    expect(visible(html)).toContain('Hãy kiểm tra lại mã');
    expect(html).not.toMatch(/<script|https?:\/\//i);
    expect(Buffer.byteLength(html, 'utf8')).toBeLessThan(PAGE_BUDGET_BYTES);
  });
});
