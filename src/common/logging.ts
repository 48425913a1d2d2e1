import { RequestMethod } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import { Environment } from '../config/environment';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const SECRET_QUERY = /([?&](?:token|access_token|refresh_token|key|api_key|code|password)=)[^&]*/gi;

/**
 * Keeps a caller's `X-Request-Id` when it is sane, else makes one. Fastify asks first and the id is
 * kept on the raw request, so the access log and the error log carry the same id.
 */
export function requestId(req: IncomingMessage & { id?: string }): string {
  if (req.id) return req.id;
  const given = req.headers['x-request-id'];
  req.id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  return req.id;
}

/** JSON logs with a request id; credentials never reach them, neither in headers, bodies nor URLs. */
export function loggerParams(env: Environment): Params {
  return {
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: env.LOG_LEVEL,
      genReqId: requestId,
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers["x-api-key"]',
          'req.headers.cookie',
          'res.headers["set-cookie"]',
          '*.password',
          '*.newPassword',
          '*.currentPassword',
          '*.refreshToken',
          '*.accessToken',
          '*.token',
          '*.apiKey',
          '*.secret',
        ],
        censor: '[redacted]',
      },
      // Probes and scrapes every few seconds would drown the log.
      autoLogging: { ignore: (req) => /^\/(health|metrics)(\/|$|\?)/.test(req.url ?? '') },
      customLogLevel: (_req, res, error) =>
        error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url.replace(SECRET_QUERY, '$1[redacted]'),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
  };
}
