import type { Topic } from '../../queue/topics';

/** The facts other systems may subscribe to (payloads in `queue/topics.ts`). */
export const WEBHOOK_EVENTS = [
  'enrollment.completed',
  'enrollment.failed',
  'attempt.graded',
  'certificate.issued',
  'certificate.revoked',
  'class.closed',
] as const satisfies readonly Topic[];
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Topics webhooks publish. */
export const WEBHOOK_DELIVERY_DUE = 'webhook.delivery_due' satisfies Topic;
export const WEBHOOK_DISABLED = 'webhook.disabled' satisfies Topic;

/** One fan-out subscriber per event: it writes a delivery for each matching webhook. */
export const fanOutSubscriber = (event: WebhookEvent) => `webhooks.fan-out-${event}`;
export const DELIVER_SUBSCRIBER = 'webhooks.deliver';
