/**
 * The baseline for bench/health.ts: plain Fastify answering `GET /health` with the same JSON as the app,
 * no logger, no hooks, so the ratio shows what Nest and the app's own wiring cost per request.
 */
import Fastify from 'fastify';

const port = Number(process.env.PORT ?? 3102);
const host = process.env.HOST ?? '127.0.0.1';

const app = Fastify({ logger: false });
app.get('/health', async () => ({ status: 'ok' }));

async function stop(): Promise<void> {
  await app.close();
  process.exit(0);
}

process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
// The harness talks over IPC: if it dies without killing us, we go too instead of holding the port.
process.once('disconnect', () => void stop());

app.listen({ port, host }).catch((error: unknown) => {
  console.error('bare-fastify: failed to start:', error);
  process.exit(1);
});
