import { todayIn } from '../../common/calendar';
import { escapeHtml } from '../../common/html';
import type { CertificateVerification } from './certificate-content';

/** Revocations and reissues are instants; whoever checks the page reads them as days in Việt Nam. */
const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** One small self-contained page: a phone on a slow link gets everything in the first response. */
const STYLE = `*{box-sizing:border-box}
body{margin:0;background:#f3f1ec;color:#1c1c1c;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif}
header{background:#a8161b;color:#fff;padding:10px 16px;display:flex;align-items:center;gap:10px;font-weight:600;letter-spacing:.04em;font-size:14px;text-transform:uppercase}
header svg{flex:none}
main{max-width:640px;margin:0 auto;padding:16px}
.st{border:1px solid;border-left-width:6px;border-radius:6px;padding:12px 14px;margin-bottom:16px}
.st h1{margin:0;font-size:22px;line-height:1.25;display:flex;align-items:center;gap:8px}
.st svg{flex:none}
.st p{margin:6px 0 0}
.valid{background:#e9f5ec;border-color:#1e7b34;color:#145224}
.revoked{background:#fdecec;border-color:#b3261e;color:#7f1a15}
.superseded{background:#fff4e0;border-color:#b86e00;color:#6b3f00}
.none{background:#fff;border-color:#6b6b6b}
.card{background:#fff;border:1px solid #d9d4c7;border-radius:6px;padding:16px}
.org{margin:0 0 12px;text-align:center;font-size:13px;font-weight:600;line-height:1.4}
.org span{display:block}
.org span:last-child{font-weight:700}
.org span:last-child:after{content:"";display:block;width:72px;margin:4px auto 0;border-top:1px solid}
h2{margin:0;text-align:center;color:#a8161b;font-size:18px;letter-spacing:.06em}
dl{margin:12px 0 0}
dt{margin-top:12px;color:#5c5c5c;font-size:13px;text-transform:uppercase;letter-spacing:.03em}
dd{margin:2px 0 0;overflow-wrap:anywhere}
.void{margin:2px 0 0;text-align:center;color:#b3261e;font-weight:700;font-size:13px;text-transform:uppercase}
.name{font-size:20px;font-weight:700}
.sig{font-weight:600}
.mono,code{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace}
.hash{margin-top:16px;font-size:14px;color:#444}
.hash h3{margin:0 0 4px;font-size:14px}
code{display:block;word-break:break-all;background:#fff;border:1px solid #d9d4c7;border-radius:4px;padding:8px;font-size:13px;color:#1c1c1c}
.hash p{margin:6px 0 0}
footer{margin-top:16px;font-size:13px;color:#5c5c5c;overflow-wrap:anywhere}`;

/** A filled circle in the banner's colour with a white mark: a tick, a cross or an exclamation. */
const icon = (mark: string) =>
  `<svg width="26" height="26" viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="12" fill="currentColor"/><path d="${mark}" fill="none" stroke="#fff" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round"/></svg>`;
const TICK = icon('M6.5 12.5l3.5 3.5 7.5-8');
const CROSS = icon('M8 8l8 8M16 8l-8 8');
const EXCLAMATION = icon('M12 6.5v7M12 17.5v.1');

/** The yellow star on red: what a reader in Việt Nam expects at the top of an official page. */
const STAR =
  '<svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true"><path fill="#ffd60a" d="M12 1.5l3.09 7.26 7.86.7-5.96 5.2 1.78 7.7L12 18.3l-6.77 4.06 1.78-7.7-5.96-5.2 7.86-.7z"/></svg>';

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>${STAR}<span>Xác thực giấy chứng nhận</span></header>
<main>
${body}
</main>
</body>
</html>
`;
}

/** YYYY-MM-DD as Vietnamese readers write it, dd/mm/yyyy. */
function formatDay(day: string): string {
  const [year, month, date] = day.split('-');
  return `${date}/${month}/${year}`;
}

function formatInstant(instant: string): string {
  return formatDay(todayIn(VIETNAM_TIME_ZONE, new Date(instant)));
}

/** Vietnamese writes a decimal comma: 8,5. */
function formatScore(score: number): string {
  return String(Number(score.toFixed(2))).replace('.', ',');
}

function row(label: string, value: string, className?: string): string {
  return `<dt>${label}</dt><dd${className ? ` class="${className}"` : ''}>${value}</dd>`;
}

/** " ngày dd/mm/yyyy" for the sentence and a "Lý do: …" paragraph, each only when known. */
function whenAndWhy(at: string | null, reason: string | null): { when: string; why: string } {
  return {
    when: at ? ` ngày ${formatInstant(at)}` : '',
    why: reason ? `<p>Lý do: ${escapeHtml(reason)}</p>` : '',
  };
}

function statusBanner(v: CertificateVerification): { label: string; html: string } {
  if (v.status === 'revoked') {
    const { when, why } = whenAndWhy(v.revokedAt, v.revocationReason);
    return {
      label: 'Đã thu hồi',
      html: `<h1>${CROSS}Đã thu hồi</h1><p>Giấy chứng nhận này đã bị thu hồi${when} và không còn hiệu lực.</p>${why}`,
    };
  }
  if (v.status === 'superseded') {
    const { when, why } = whenAndWhy(v.supersededAt, v.supersededReason);
    return {
      label: 'Đã được thay thế',
      html:
        `<h1>${EXCLAMATION}Đã được thay thế</h1><p>Giấy chứng nhận này đã được thay thế bằng một giấy chứng nhận cấp lại${when}` +
        ` và không còn hiệu lực.</p>${why}`,
    };
  }
  return {
    label: 'Còn hiệu lực',
    html: `<h1>${TICK}Còn hiệu lực</h1><p>Giấy chứng nhận này do ${escapeHtml(v.content.issuer.name)} cấp và đang còn hiệu lực.</p>`,
  };
}

/** The public page of `GET /verify/:code`: where the certificate stands, then all that is printed on it. */
export function renderVerificationPage(v: CertificateVerification): string {
  const { learner, program, result, issuer, signer } = v.content;
  const klass = v.content.class;
  const banner = statusBanner(v);
  const score = result.finalScore === null ? '' : `, điểm ${formatScore(result.finalScore)}`;
  const body = `<section class="st ${v.status}" role="status">${banner.html}</section>
<section class="card">
<p class="org">${issuer.headerLines.map((line) => `<span>${escapeHtml(line)}</span>`).join('')}</p>
<h2>GIẤY CHỨNG NHẬN</h2>${v.status === 'valid' ? '' : '<p class="void">Không còn hiệu lực</p>'}
<dl>
${row('Học viên', escapeHtml(learner.fullName), 'name')}
${learner.dateOfBirth ? row('Ngày sinh', formatDay(learner.dateOfBirth)) : ''}
${row('Chương trình', escapeHtml(program.name))}
${row('Lớp', `${escapeHtml(klass.title)}<br>Mã lớp: ${escapeHtml(klass.code)}<br>Từ ${formatDay(klass.startsOn)} đến ${formatDay(klass.endsOn)}`)}
${row('Kết quả', `Xếp loại <b>${escapeHtml(result.classificationLabel)}</b>${score}`)}
${row('Đơn vị cấp', escapeHtml(issuer.name))}
${row(
  'Người ký',
  [signer.authority, signer.title, signer.name]
    .filter((line) => line !== null)
    .map(escapeHtml)
    .join('<br>'),
  'sig',
)}
${row('Nơi cấp, ngày cấp', `${escapeHtml(v.content.place)}, ${formatDay(v.content.issuedOn)}`)}
${row('Số hiệu', escapeHtml(v.content.serial), 'mono')}
</dl>
</section>
<section class="hash">
<h3>Mã băm nội dung</h3>
<code>${escapeHtml(v.contentHash)}</code>
<p>SHA-256 của JSON chuẩn hoá (RFC 8785) của nội dung in trên giấy chứng nhận.</p>
</section>
<footer>Địa chỉ trang này: ${escapeHtml(v.verifyUrl)}</footer>`;
  return page(`${banner.label}: giấy chứng nhận số ${v.content.serial}`, body);
}

/** The same page for a code nobody issued, so a mistyped address gets a hint rather than an error. */
export function renderVerificationNotFoundPage(): string {
  const body = `<section class="st none" role="status"><h1>${EXCLAMATION}Không tìm thấy giấy chứng nhận</h1>
<p>Không có giấy chứng nhận nào với mã tra cứu này. Hãy kiểm tra lại mã: quét lại mã QR in trên giấy chứng nhận, hoặc nhập lại đường dẫn cho đúng từng ký tự.</p></section>`;
  return page('Không tìm thấy giấy chứng nhận', body);
}
