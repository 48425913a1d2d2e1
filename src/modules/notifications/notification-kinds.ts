/**
 * What a notification is about. The kind is stable (clients switch on it, preferences are kept per
 * kind); the label is what the preferences screen shows.
 */
export const NOTIFICATION_KINDS = {
  'session.reminder': 'Nhắc lịch buổi học',
  'exam.closing': 'Nhắc bài kiểm tra sắp đóng',
  'class.lessons_due': 'Nhắc hoàn thành bài học bắt buộc',
  'probation.certificate_missing': 'Đảng viên dự bị chưa có giấy chứng nhận',
  'certificate.issued': 'Giấy chứng nhận được cấp',
  'enrollment.approved': 'Ghi danh được duyệt',
  'enrollment.rejected': 'Ghi danh bị từ chối',
  'attempt.graded': 'Bài làm đã được chấm',
  'webhook.disabled': 'Webhook bị tắt',
} as const;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;
export const NOTIFICATION_KIND_LIST = Object.keys(NOTIFICATION_KINDS) as NotificationKind[];

/** What a notification links to, for the client to open. */
export const LINK_TYPES = [
  'class',
  'session',
  'exam',
  'attempt',
  'certificate',
  'enrollment',
  'webhook',
  'user',
] as const;
export type LinkType = (typeof LINK_TYPES)[number];
