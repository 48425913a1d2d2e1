import type { Topic } from '../../queue/topics';

export const CERTIFICATE_ISSUED = 'certificate.issued' satisfies Topic;
export const CERTIFICATE_REVOKED = 'certificate.revoked' satisfies Topic;
export const CERTIFICATE_REISSUED = 'certificate.reissued' satisfies Topic;
export const CERTIFICATE_SETTINGS_SAVED = 'certificate-settings.saved' satisfies Topic;

/** Certificates' subscribers. */
export const CERTIFICATE_SUBSCRIBERS = {
  issueOnCompletion: 'certificates.issue-on-completion',
  issuePending: 'certificates.issue-pending',
  renderPdf: 'certificates.render-pdf',
} as const;

/** Completions issued in one transaction: a closed class of 2,300 is a few dozen jobs. */
export const ISSUE_BATCH = 100;
/** PDFs rendered per job. */
export const RENDER_BATCH = 20;
