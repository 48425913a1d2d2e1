import type { JobDefinition } from '../../queue/job-registry';
import type { Topic } from '../../queue/topics';

/** Statistics' subscribers: each files the classes its events touch. */
export const STATISTICS_SUBSCRIBERS = {
  onClassChanged: 'statistics.on-class-changed',
  onClassClosed: 'statistics.on-class-closed',
  onProgressChanged: 'statistics.on-progress-changed',
  onCompleted: 'statistics.on-enrollment-completed',
  onFailed: 'statistics.on-enrollment-failed',
  onWithdrawn: 'statistics.on-enrollment-withdrawn',
  onDecided: 'statistics.on-enrollment-decided',
  onClassified: 'statistics.on-enrollment-classified',
  onCertificateIssued: 'statistics.on-certificate-issued',
  onCertificateRevoked: 'statistics.on-certificate-revoked',
  onCertificateReissued: 'statistics.on-certificate-reissued',
  onOrgUnitChanged: 'statistics.refile-on-org-unit-change',
} as const;

/** Events filed per job: closing a class of 2,300 recomputes it a few dozen times, not 2,300. */
export const FILING_BATCH = 100;

const CLASS_TOPICS: [keyof typeof STATISTICS_SUBSCRIBERS, Topic][] = [
  ['onClassChanged', 'class.changed'],
  ['onClassClosed', 'class.closed'],
  ['onProgressChanged', 'enrollment.progress_changed'],
  ['onCompleted', 'enrollment.completed'],
  ['onFailed', 'enrollment.failed'],
  ['onWithdrawn', 'enrollment.withdrawn'],
  ['onDecided', 'enrollment.decided'],
  ['onClassified', 'enrollment.classified'],
  ['onCertificateIssued', 'certificate.issued'],
  ['onCertificateRevoked', 'certificate.revoked'],
  ['onCertificateReissued', 'certificate.reissued'],
];

export const STATISTICS_JOBS: JobDefinition[] = [
  ...CLASS_TOPICS.map(([key, topic]) => ({
    name: STATISTICS_SUBSCRIBERS[key],
    topic,
    queue: 'system' as const,
    batch: FILING_BATCH,
  })),
  { name: STATISTICS_SUBSCRIBERS.onOrgUnitChanged, topic: 'org-units.changed', queue: 'system' },
];
