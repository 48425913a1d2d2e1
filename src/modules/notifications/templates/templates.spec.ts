import { NOTIFICATION_KIND_LIST } from '../notification-kinds';
import { renderEmail } from '.';

const BASE = 'https://lyluan.example.vn/';
const ID = '0b6c1a52-5f0e-4d5e-9a51-1d1c2f7b9e10';
const notification = (kind: (typeof NOTIFICATION_KIND_LIST)[number], title = 'Thông báo', params = {}) => ({
  kind,
  title,
  body: 'Nội dung thông báo.',
  params,
  linkType: 'class' as const,
  linkId: ID,
});

describe('notification email templates', () => {
  it.each(NOTIFICATION_KIND_LIST)('renders %s with a greeting, the text, and the link in both parts', (kind) => {
    const email = renderEmail(notification(kind), 'Nguyễn Thị Hồng Nhung', BASE);
    expect(email.subject).toContain('Thông báo');
    for (const part of [email.text, email.html]) {
      expect(part).toContain('Nguyễn Thị Hồng Nhung');
      expect(part).toContain('Nội dung thông báo.');
      expect(part).toContain(`https://lyluan.example.vn/classes/${ID}`);
    }
    expect(email.html).toMatch(/^<!DOCTYPE html>/);
  });

  it('leaves the link out when there is no object', () => {
    const email = renderEmail(
      { ...notification('webhook.disabled'), linkType: null, linkId: null },
      'Lê Thị Ánh',
      BASE,
    );
    expect(email.text).not.toContain('https://');
    expect(email.html).not.toContain('<a ');
  });

  it('escapes every supplied value in HTML and keeps it raw in text', () => {
    const email = renderEmail(
      notification('certificate.issued', 'Giấy chứng nhận đã được cấp', {
        programName: 'Bồi dưỡng <b>x</b>',
        classTitle: '<b>x</b> & "lớp" \'A\'',
        serial: 'TCT/2026/000001',
      }),
      'Trần <i>Văn</i> Đức',
      BASE,
    );
    expect(email.subject).toBe('Giấy chứng nhận đã được cấp: Bồi dưỡng <b>x</b>');
    expect(email.text).toContain('<b>x</b> & "lớp" \'A\'');
    expect(email.text).toContain('Kính gửi Trần <i>Văn</i> Đức,');
    expect(email.html).toContain('&lt;b&gt;x&lt;/b&gt; &amp; &quot;lớp&quot; &#39;A&#39;');
    expect(email.html).toContain('Trần &lt;i&gt;Văn&lt;/i&gt; Đức');
    expect(email.html).not.toContain('<b>x</b>');
    expect(email.html).not.toContain('<i>');
  });

  it('shows the details a kind carries: a certificate’s programme, class and serial', () => {
    const email = renderEmail(
      notification('certificate.issued', 'Giấy chứng nhận đã được cấp', {
        programName: 'Bồi dưỡng lý luận chính trị cho đảng viên mới',
        classTitle: 'Lớp bồi dưỡng nhận thức về Đảng',
        serial: 'TCT-TUYENQUANG/2026/000001',
      }),
      'Nguyễn Thị Hồng Nhung',
      BASE,
    );
    expect(email.text).toContain('Chương trình: Bồi dưỡng lý luận chính trị cho đảng viên mới');
    expect(email.text).toContain('Số hiệu: TCT-TUYENQUANG/2026/000001');
    expect(email.html).toContain('Lớp bồi dưỡng nhận thức về Đảng');
    expect(email.text).not.toContain('Tra cứu công khai');
  });
});
