import { lessonsDueText, probationAdminText, sessionText, vietnameseDay, vietnameseTime } from './reminder-texts';

describe('reminder texts', () => {
  it('shows the start on the class’s wall clock, with the place when there is one', () => {
    const startsAt = new Date('2026-12-03T00:30:00Z');
    expect(vietnameseTime(startsAt, 'Asia/Ho_Chi_Minh')).toBe('07:30 ngày 03/12/2026');
    expect(vietnameseTime(startsAt, 'UTC')).toBe('00:30 ngày 03/12/2026');
    expect(sessionText('Bồi dưỡng đảng viên mới', startsAt, 'Asia/Ho_Chi_Minh', 'Hội trường A').body).toBe(
      'Buổi học lớp Bồi dưỡng đảng viên mới bắt đầu lúc 07:30 ngày 03/12/2026 tại Hội trường A.',
    );
    expect(sessionText('Lớp X', startsAt, 'Asia/Ho_Chi_Minh', null).body).toBe(
      'Buổi học lớp Lớp X bắt đầu lúc 07:30 ngày 03/12/2026.',
    );
  });

  it('writes days as DD/MM/YYYY and counts what is left', () => {
    expect(vietnameseDay('2027-01-05')).toBe('05/01/2027');
    expect(lessonsDueText('Lớp Y', '2026-12-05', 2, 5).body).toContain('2/5 bài học bắt buộc');
    expect(probationAdminText('Đặng Quốc Khánh', 'Chi bộ Trường THCS Minh Xuân', '2027-01-31').body).toBe(
      'Đảng viên dự bị Đặng Quốc Khánh (Chi bộ Trường THCS Minh Xuân) hết thời gian dự bị ngày 31/01/2027 ' +
        'nhưng chưa có giấy chứng nhận hoàn thành chương trình bồi dưỡng đảng viên mới.',
    );
  });
});
