/** Notifications' subscribers: the email of each notification, and the events learners are told about. */
export const NOTIFICATION_SUBSCRIBERS = {
  sendEmail: 'notifications.send-email',
  onCertificateIssued: 'notifications.on-certificate.issued',
  onEnrollmentDecided: 'notifications.on-enrollment.decided',
  onAttemptGraded: 'notifications.on-attempt.graded',
  onWebhookDisabled: 'notifications.on-webhook.disabled',
} as const;
