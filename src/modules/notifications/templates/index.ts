import { publicUrl } from '../../certificates/credentials/public-url';
import type { LinkType, NotificationKind } from '../notification-kinds';
import { attemptGraded } from './attempt-graded';
import { certificateIssued } from './certificate-issued';
import { classLessonsDue } from './class-lessons-due';
import { enrollmentApproved } from './enrollment-approved';
import { enrollmentRejected } from './enrollment-rejected';
import { examClosing } from './exam-closing';
import type { EmailMessage, EmailTemplate } from './layout';
import { probationCertificateMissing } from './probation-certificate-missing';
import { sessionReminder } from './session-reminder';
import { webhookDisabled } from './webhook-disabled';

export type { EmailMessage } from './layout';

/** One email template per kind: a new kind does not compile without its own. */
export const EMAIL_TEMPLATES: Record<NotificationKind, EmailTemplate> = {
  'session.reminder': sessionReminder,
  'exam.closing': examClosing,
  'class.lessons_due': classLessonsDue,
  'probation.certificate_missing': probationCertificateMissing,
  'certificate.issued': certificateIssued,
  'enrollment.approved': enrollmentApproved,
  'enrollment.rejected': enrollmentRejected,
  'attempt.graded': attemptGraded,
  'webhook.disabled': webhookDisabled,
};

/** Where the web app under PUBLIC_BASE_URL shows each kind of object. */
const LINK_PATHS: Record<LinkType, string> = {
  class: 'classes',
  session: 'sessions',
  exam: 'exams',
  attempt: 'attempts',
  certificate: 'certificates',
  enrollment: 'enrollments',
  webhook: 'webhooks',
  user: 'users',
};

/** A notification's email to `fullName`, its link made absolute under `publicBaseUrl`. */
export function renderEmail(
  notification: {
    kind: NotificationKind;
    title: string;
    body: string;
    params: Record<string, unknown>;
    linkType: LinkType | null;
    linkId: string | null;
  },
  fullName: string,
  publicBaseUrl: string,
): EmailMessage {
  const { kind, title, body, params, linkType, linkId } = notification;
  const url = linkType && linkId ? publicUrl(publicBaseUrl, `/${LINK_PATHS[linkType]}/${linkId}`) : null;
  return EMAIL_TEMPLATES[kind]({ fullName, title, body, params, url });
}
