/** Vietnamese texts of the reminders; times shown on the wall clock of the class's timezone. */

/** `07:30 ngày 03/12/2026` in `timeZone`. */
export function vietnameseTime(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return `${part('hour')}:${part('minute')} ngày ${part('day')}/${part('month')}/${part('year')}`;
}

/** `03/12/2026` from a calendar day `2026-12-03`. */
export function vietnameseDay(day: string): string {
  const [year, month, date] = day.split('-');
  return `${date}/${month}/${year}`;
}

export interface Text {
  title: string;
  body: string;
}

export function sessionText(classTitle: string, startsAt: Date, timeZone: string, location: string | null): Text {
  const where = location ? ` tại ${location}` : '';
  return {
    title: `Sắp đến buổi học lớp ${classTitle}`,
    body: `Buổi học lớp ${classTitle} bắt đầu lúc ${vietnameseTime(startsAt, timeZone)}${where}.`,
  };
}

export function examText(examTitle: string, classTitle: string, closesAt: Date, timeZone: string): Text {
  return {
    title: `Bài kiểm tra ${examTitle} sắp đóng`,
    body:
      `Bài kiểm tra ${examTitle} của lớp ${classTitle} đóng lúc ${vietnameseTime(closesAt, timeZone)}; ` +
      'bạn chưa nộp bài.',
  };
}

export function lessonsDueText(classTitle: string, endsOn: string, completed: number, total: number): Text {
  return {
    title: `Lớp ${classTitle} sắp kết thúc`,
    body:
      `Lớp ${classTitle} kết thúc ngày ${vietnameseDay(endsOn)}. Bạn đã hoàn thành ${completed}/${total} ` +
      'bài học bắt buộc; hãy hoàn thành các bài còn lại trước khi lớp kết thúc.',
  };
}

export function probationMemberText(endsOn: string): Text {
  return {
    title: 'Sắp hết thời gian dự bị: chưa có giấy chứng nhận đảng viên mới',
    body:
      `Thời gian dự bị của đồng chí kết thúc ngày ${vietnameseDay(endsOn)} nhưng đồng chí chưa có giấy chứng nhận ` +
      'hoàn thành chương trình bồi dưỡng đảng viên mới. Đề nghị đồng chí liên hệ trường chính trị để được học.',
  };
}

export function probationAdminText(fullName: string, unitName: string, endsOn: string): Text {
  return {
    title: `Đảng viên dự bị ${fullName} chưa có giấy chứng nhận đảng viên mới`,
    body:
      `Đảng viên dự bị ${fullName} (${unitName}) hết thời gian dự bị ngày ${vietnameseDay(endsOn)} nhưng chưa có ` +
      'giấy chứng nhận hoàn thành chương trình bồi dưỡng đảng viên mới.',
  };
}
