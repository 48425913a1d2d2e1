import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import { Injectable } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { problem } from '../../common/problem';
import { sendProblem } from '../../common/problem.filter';
import { Environment } from '../../config/environment';
import { QUEUE_NAMES } from '../job-registry';
import { QueueService } from '../queue.service';

/** Where the dashboard is served, outside `/api/v1`: its page and assets are not part of the API. */
export const QUEUE_BOARD_PATH = '/admin/queues';
export const QUEUE_BOARD_COOKIE = 'lyluan_queues';

/**
 * The dashboard's pass: `<userId>.<expiry>.<mac>`, an HMAC under a key derived from JWT_SECRET for
 * this purpose only, so it can never pass as an access token (nor one as it).
 */
@Injectable()
export class QueueBoardPasses {
  private readonly key: Buffer;

  constructor(private readonly env: Environment) {
    this.key = createHmac('sha256', env.JWT_SECRET).update('lyluan:queue-board').digest();
  }

  issue(userId: string, now = Date.now()): { value: string; maxAgeSeconds: number } {
    const maxAgeSeconds = this.env.QUEUE_BOARD_SESSION_MINUTES * 60;
    const body = `${userId}.${Math.floor(now / 1000) + maxAgeSeconds}`;
    return { value: `${body}.${this.mac(body)}`, maxAgeSeconds };
  }

  /** The user the pass was issued to, or null when it is forged, malformed or expired. */
  verify(value: string | undefined, now = Date.now()): string | null {
    const match = /^([0-9a-f-]{36})\.(\d{1,12})\.([\w-]{43})$/.exec(value ?? '');
    if (!match) return null;
    const [, userId, expiry, mac] = match;
    const expected = Buffer.from(this.mac(`${userId}.${expiry}`));
    if (!timingSafeEqual(expected, Buffer.from(mac)) || Number(expiry) * 1000 <= now) return null;
    return userId;
  }

  cookie(value: string, maxAgeSeconds: number): string {
    const secure = this.env.PUBLIC_BASE_URL.startsWith('https:') ? '; Secure' : '';
    return `${QUEUE_BOARD_COOKIE}=${value}; Path=${QUEUE_BOARD_PATH}; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Strict${secure}`;
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}

function cookieValue(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/**
 * Bull Board over every queue of the project, read-only: jobs belong to outbox events, and the
 * outbox (`/api/v1/admin/outbox`) is where a dead one is sent again. The page cannot send a bearer
 * token, so it is entered with the cookie from `POST /api/v1/admin/queues/session`.
 */
export async function mountQueueBoard(app: NestFastifyApplication): Promise<void> {
  const queues = app.get(QueueService);
  const passes = app.get(QueueBoardPasses);
  const serverAdapter = new BullBoardFastifyAdapter().setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: QUEUE_NAMES.map((name) => new BullMQAdapter(queues.queue(name), { readOnlyMode: true })),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Lyluan' } },
  });
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  await fastify.register(
    async (scope: FastifyInstance) => {
      scope.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
        if (passes.verify(cookieValue(request, QUEUE_BOARD_COOKIE))) return done();
        sendProblem(
          reply,
          problem(401, {
            code: 'queue_board_session_required',
            detail: 'Hãy mở phiên xem hàng đợi bằng POST /api/v1/admin/queues/session (quản trị hệ thống).',
          }),
        );
      });
      await scope.register(serverAdapter.registerPlugin());
    },
    { prefix: QUEUE_BOARD_PATH },
  );
}
