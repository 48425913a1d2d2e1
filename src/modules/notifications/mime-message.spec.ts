import { simpleParser } from 'mailparser';
import { buildMimeMessage, isSafeAddress, messageIdOf, parseMailbox } from './mime-message';

const message = {
  from: { name: 'Trường Chính trị tỉnh Tuyên Quang', address: 'no-reply@lyluan.local' },
  to: { name: 'Trần Thị Ánh Nguyệt', address: 'nguyet@example.vn' },
  subject: 'Nhắc lịch: buổi học "Lý luận chính trị" của lớp bồi dưỡng đảng viên mới khoá 2026 bắt đầu lúc 07:30',
  text: 'Kính gửi Trần Thị Ánh Nguyệt,\n\nBuổi học bắt đầu lúc 07:30 ngày 04/12/2026.\n'.repeat(20),
  html: '<p>Kính gửi Trần Thị Ánh Nguyệt, &lt;b&gt;</p>'.repeat(40),
  messageId: '<0b9c2f9e-6f39-4c47-9a57-3c0b6e2d1f10@lyluan.local>',
  date: new Date('2026-12-03T01:02:03Z'),
};

describe('buildMimeMessage', () => {
  it('is parsed back to the same names, subject, text and HTML', async () => {
    const raw = buildMimeMessage(message);
    const mail = await simpleParser(raw);
    expect(mail.from?.value).toEqual([message.from]);
    expect([mail.to].flat()[0]?.value).toEqual([message.to]);
    expect(mail.subject).toBe(message.subject);
    expect(mail.text).toBe(message.text);
    expect(mail.html).toBe(message.html);
    expect(mail.messageId).toBe(message.messageId);
    expect(mail.date?.toISOString()).toBe('2026-12-03T01:02:03.000Z');
  });

  it('is 7-bit with CRLF lines of at most 78 characters', () => {
    const raw = buildMimeMessage(message).toString('latin1');
    expect(/^[\x20-\x7e\r\n]*$/.test(raw)).toBe(true);
    expect(raw.split('\r\n').every((line) => line.length <= 78 && !line.includes('\n'))).toBe(true);
  });

  it('keeps a line break in a name or subject out of the headers', async () => {
    const raw = buildMimeMessage({
      ...message,
      to: { name: 'Evil\r\nBcc: victim@example.vn', address: 'a@example.vn' },
      subject: 'Hi\r\nBcc: other@example.vn',
    });
    const mail = await simpleParser(raw);
    expect(mail.bcc).toBeUndefined();
    expect(mail.headers.has('bcc')).toBe(false);
    expect([mail.to].flat()[0]?.value[0].address).toBe('a@example.vn');
  });

  it('quotes a plain ASCII name with specials', async () => {
    const mail = await simpleParser(
      buildMimeMessage({ ...message, to: { name: 'Nguyen, "Minh"', address: 'm@x.vn' } }),
    );
    expect([mail.to].flat()[0]?.value).toEqual([{ name: 'Nguyen, "Minh"', address: 'm@x.vn' }]);
  });
});

describe('messageIdOf', () => {
  it('is the notification at the sender domain', () => {
    expect(messageIdOf('abc', { name: '', address: 'no-reply@truong.vn' })).toBe('<abc@truong.vn>');
  });
});

describe('parseMailbox', () => {
  it('reads MAIL_FROM with or without a display name', () => {
    expect(parseMailbox('"Lyluan" <no-reply@lyluan.local>')).toEqual({
      name: 'Lyluan',
      address: 'no-reply@lyluan.local',
    });
    expect(parseMailbox('no-reply@lyluan.local')).toEqual({ name: '', address: 'no-reply@lyluan.local' });
  });

  it('refuses what is not one address', () => {
    expect(() => parseMailbox('a@x.vn, b@x.vn')).toThrow('not one email address');
    expect(() => parseMailbox('Lyluan')).toThrow('not one email address');
  });
});

describe('isSafeAddress', () => {
  it('refuses line breaks and brackets', () => {
    expect(isSafeAddress('a@x.vn')).toBe(true);
    expect(isSafeAddress('a@x.vn\r\nRCPT TO:<b@y.vn>')).toBe(false);
    expect(isSafeAddress('a>@x.vn')).toBe(false);
  });
});
