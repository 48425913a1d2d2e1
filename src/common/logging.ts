import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyChildLoggerFactory } from 'fastify/types/logger';
import type { LoggerService } from '@nestjs/common';
import { Logger as NestPinoLogger, Params, PinoLogger } from 'nestjs-pino';
import { Store, storage } from 'nestjs-pino/storage';
import pino, { DestinationStream, Logger, LoggerOptions } from 'pino';
import { Environment } from '../config/environment';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const SECRET_QUERY = /([?&](?:token|access_token|refresh_token|key|api_key|code|password)=)[^&]*/gi;
/** Probes and scrapes every few seconds would drown the log and the latency histogram. */
export const QUIET = /^\/(health|metrics)(\/|\?|$)/;

/**
 * Keeps a caller's `X-Request-Id` when it is sane, else makes one. It is kept on the raw request,
 * so the access log and the error log carry the same id.
 */
export function requestId(req: IncomingMessage): string {
  const raw = req as IncomingMessage & { id?: unknown };
  if (typeof raw.id === 'string') return raw.id;
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  raw.id = id;
  return id;
}

export const redactUrl = (url: string) => url.replace(SECRET_QUERY, '$1[redacted]');

/**
 * The process's one pino logger: JSON lines, credentials censored wherever they appear. Lines go to
 * stdout unless a destination is given (tests read them there).
 */
export function createRootLogger(env: Pick<Environment, 'LOG_LEVEL'>, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level: env.LOG_LEVEL,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers["x-api-key"]',
        'req.headers.cookie',
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
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Quiet routes log nothing per request, so they skip making a child logger. */
export const requestLoggerFactory: FastifyChildLoggerFactory = function (logger, bindings, options, rawRequest) {
  return QUIET.test(rawRequest.url ?? '') ? logger : logger.child(bindings, options);
};

/**
 * nestjs-pino for Nest's own logging, on the same root logger. Its HTTP middleware is not used:
 * Fastify hooks (below) bind the request's logger instead, which costs far less per request than
 * Express-style middleware on Fastify.
 */
export function loggerModuleParams(root: Logger): Params {
  return { pinoHttp: { logger: root }, useExisting: true, forRoutes: [] };
}

/** Nest's `Logger` on the root logger before the app exists, so start-up lines are the same JSON. */
export function startupLogger(root: Logger): LoggerService {
  const params = loggerModuleParams(root);
  return new NestPinoLogger(new PinoLogger(params), params);
}

/**
 * One access-log line per request with its id, and `Logger` calls made while serving a request
 * carry that request's id (nestjs-pino reads the logger from its async-local store).
 */
export function registerRequestLogging(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done) => {
    void reply.header('x-request-id', request.id);
    if (QUIET.test(request.url)) return done();
    storage.run(new Store(request.log as Logger), done);
  });
  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done) => {
    if (!QUIET.test(request.url)) {
      const status = reply.statusCode;
      // A 503 is a refusal the process chose (shedding load, database away, shutting down), not a bug.
      const level = status >= 500 && status !== 503 ? 'error' : status >= 400 ? 'warn' : 'info';
      request.log[level](
        {
          req: { method: request.method, url: redactUrl(request.url) },
          res: { statusCode: status },
          responseTime: Math.round(reply.elapsedTime * 10) / 10,
        },
        'request completed',
      );
    }
    done();
  });
}
