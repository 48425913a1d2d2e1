/**
 * Drill 4: a webhook receiver down for 60 s while events flow. The conference (roles `api` and
 * `worker`) gets a webhook on `enrollment.completed` to a receiver of the drill's own; events are
 * published in batches for 100 s, and the receiver refuses connections from 10 s to 70 s. Afterwards
 * every event must have reached it, each once by `webhook-id`.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { startConference } from '../conference';
import { startWebhookReceiver, stopServer } from '../support';
import { count, report, runDrill } from './harness';

const API_PORT = 3207;
const WORKER_PORT = 3208;
const RECEIVER_PORT = 3209;
const DATABASE = 'lyluan_drills_webhooks';
const BATCHES = 20;
const BATCH_SIZE = 30;
const BATCH_EVERY_MS = 5_000;
const DOWN_FROM_MS = 10_000;
const DOWN_FOR_MS = 60_000;
/** First retry after 1 s, doubling: the sixth attempt comes 63 s after the first, past the outage. */
const BACKOFF_MS = '1000';
const WAIT_MS = 300_000;

runDrill('webhooks', async (started, host) => {
  const receiver = await startWebhookReceiver(RECEIVER_PORT);
  const conference = await startConference({
    name: 'drills-webhooks',
    port: API_PORT,
    workerPort: WORKER_PORT,
    database: DATABASE,
    queuePrefix: 'lyluan-drills-webhooks',
    env: { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_BACKOFF_MS: BACKOFF_MS },
  });
  const { app, worker, db, classId, staffToken } = conference;
  try {
    const webhook = await app.api<{ id: string }>('/api/v1/webhooks', {
      method: 'POST',
      token: staffToken,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: receiver.url, events: ['enrollment.completed'] }),
    });
    const events = BATCHES * BATCH_SIZE;
    console.log(`drill webhooks: ${events} events in ${BATCHES} batches over ${(BATCHES * BATCH_EVERY_MS) / 1000} s`);
    const from = performance.now();
    let downAt = 0;
    let upAt = 0;
    const outage = (async () => {
      await delay(DOWN_FROM_MS);
      await receiver.refuse();
      downAt = performance.now() - from;
      console.log('drill webhooks: receiver refusing');
      await delay(DOWN_FOR_MS);
      await receiver.accept();
      upAt = performance.now() - from;
      console.log('drill webhooks: receiver accepting again');
    })();
    for (let b = 0; b < BATCHES; b++) {
      // Only the webhooks' fan-out subscriber: these enrolments are not really completed.
      await db.query(
        `INSERT INTO outbox_events (topic, subscriber, event_id, payload)
         SELECT 'enrollment.completed', 'webhooks.fan-out-enrollment.completed', gen_random_uuid(),
                jsonb_build_object('enrollmentId', id, 'classId', class_id, 'unmet', '[]'::jsonb)
           FROM enrollments WHERE class_id = $1 ORDER BY id OFFSET $2 LIMIT $3`,
        [classId, b * BATCH_SIZE, BATCH_SIZE],
      );
      await delay(BATCH_EVERY_MS);
    }
    await outage;
    const deadline = performance.now() + WAIT_MS;
    while (receiver.ids.size < events && performance.now() < deadline) await delay(200);
    const allAt = performance.now() - from;
    // Anything sent twice would arrive within a few retries' time.
    await delay(5_000);
    const repeated = [...receiver.ids.values()].filter((n) => n > 1).length;
    const afterOutage = receiver.times.filter((t) => t - from >= upAt).length;
    const [stored] = (
      await db.query<{ deliveries: number; delivered: number; attempts: number }>(
        `SELECT count(*)::int AS deliveries, count(*) FILTER (WHERE status = 'succeeded')::int AS delivered,
                coalesce(sum(attempts), 0)::int AS attempts
           FROM webhook_deliveries WHERE webhook_id = $1`,
        [webhook.id],
      )
    ).rows;
    const [hook] = (
      await db.query<{ status: string; consecutive_failures: number }>(
        `SELECT status, consecutive_failures FROM webhooks WHERE id = $1`,
        [webhook.id],
      )
    ).rows;
    const retried = (
      await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM webhook_deliveries WHERE webhook_id = $1 AND attempts > 1`,
        [webhook.id],
      )
    ).rows[0].n;
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    return report({
      id: 'webhooks',
      title: 'a webhook receiver down for 60 s while events flow',
      script: 'webhooks-down.ts',
      started,
      host,
      setup: [
        `App: \`node dist/src/main.js\` as two processes, \`PROCESS_ROLE=api\` on ${API_PORT} and \`PROCESS_ROLE=worker\` on ${WORKER_PORT}, fresh database \`${DATABASE}\` on the shared PostgreSQL, queue prefix \`lyluan-drills-webhooks\`; \`WEBHOOK_ALLOW_PRIVATE=true\`, \`WEBHOOK_BACKOFF_MS=${BACKOFF_MS}\` (default 30000: the same doubling, 30× slower), \`WEBHOOK_MAX_ATTEMPTS\` default (12).`,
        `Setup: the seeded conference with ${count(conference.learnerIds.length)} learners enrolled by CSV import; a webhook on \`enrollment.completed\` made by \`qtv.tuyenquang\` to an HTTP receiver in the drill (port ${RECEIVER_PORT}, answers 200, counts each \`webhook-id\`).`,
        `Load: ${count(events)} \`enrollment.completed\` events published in SQL into the outbox for the webhooks' fan-out subscriber, ${BATCH_SIZE} every ${BATCH_EVERY_MS / 1000} s for ${(BATCHES * BATCH_EVERY_MS) / 1000} s.`,
        `Fault: the receiver stops listening (connections refused, open ones dropped) from ${s(downAt)} to ${s(upAt)} after the first batch.`,
      ],
      invariants: [
        {
          name: 'every event delivered after the outage',
          observed: `${count(receiver.ids.size)} distinct \`webhook-id\` received of ${count(events)} events (${count(afterOutage)} of them after the receiver came back), the last ${s(allAt)} after the first batch; deliveries stored ${count(stored.deliveries)}, \`succeeded\` ${count(stored.delivered)}`,
          holds: receiver.ids.size === events && stored.delivered === events,
        },
        {
          name: 'each delivered once by `webhook-id`',
          observed: `${count(receiver.times.length)} requests answered 200 for ${count(receiver.ids.size)} ids; ${repeated} ids arrived more than once`,
          holds: repeated === 0 && receiver.times.length === receiver.ids.size,
        },
        {
          name: 'the outage was retried, not given up',
          observed: `${count(retried)} deliveries needed more than one attempt (${count(stored.attempts)} attempts in all); webhook \`${hook.status}\`, consecutive failures ${hook.consecutive_failures}`,
          holds: retried > 0 && hook.status === 'active',
        },
      ],
      note: "Each delivery is a row of its own with a fixed `webhook-id`; a refused attempt is logged and the next one published to the outbox with its delay in the job's transaction, so a retry repeats the id. Only a worker dying between the receiver's 2xx and the commit would send a delivery again (same id, for the receiver to drop); no worker dies in this drill.",
    });
  } finally {
    await db.end().catch(() => undefined);
    if (worker) await stopServer(worker.server);
    await stopServer(app.server);
    await receiver.close().catch(() => undefined);
  }
});
