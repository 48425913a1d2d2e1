import compress from '@fastify/compress';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import type { Environment } from '../config/environment';

/**
 * Text we generate: JSON (also problem+json, did+json, …), iCalendar, CSV, HTML, XML. Everything
 * else is a stored file (PDF, ZIP, DOCX, images, video, octet-stream): already compressed, or an
 * upload sent back as it was stored.
 */
const COMPRESSIBLE = /^text\/(?!event-stream)|[+/]json(?:;|$)|[+/]xml(?:;|$)|^application\/javascript(?:;|$)/;

/** Representations that get an ETag: JSON of any flavour, and iCalendar feeds. */
const VALIDATED = /^(application\/([\w.-]+\+)?json|text\/calendar)(;|$)/;

/**
 * Brotli or gzip as the client's `Accept-Encoding` asks, for generated text of at least
 * COMPRESSION_THRESHOLD_BYTES. Request bodies are never inflated: a gzip bomb cannot pass the body
 * limit disguised as a small upload. Registered before Nest adds its routes, since the plugin hooks
 * each route as it is added.
 */
export async function registerCompression(app: NestFastifyApplication, env: Environment): Promise<void> {
  if (env.HTTP_COMPRESSION !== 'true') return;
  await app.register(compress, {
    encodings: ['br', 'gzip'],
    threshold: env.COMPRESSION_THRESHOLD_BYTES,
    customTypes: COMPRESSIBLE,
    globalDecompression: false,
  });
}

/** A strong validator of the exact bytes: sha256, base64url, quoted. */
export function entityTag(payload: string | Buffer): string {
  return `"${createHash('sha256').update(payload).digest('base64url')}"`;
}

/** `If-None-Match` uses the weak comparison (RFC 9110 §13.1.2): `W/` is ignored, `*` matches anything. */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}

/**
 * Conditional GETs and the cache policy of personal data, as one global `onSend` hook. It runs
 * before the compression hook (route hooks come after global ones), so the ETag is the hash of the
 * JSON itself whatever the encoding, and a 304 has nothing left to compress.
 */
export function registerConditionalGets(fastify: FastifyInstance, env: Environment): void {
  const etags = env.HTTP_ETAGS === 'true';
  fastify.addHook('onSend', (request: FastifyRequest, reply: FastifyReply, payload: unknown, done) => {
    // Answers to a signed-in caller are theirs alone: browsers may keep them, but must revalidate,
    // and shared caches (a school's proxy) must never store them.
    if ((request.headers.authorization || request.headers['x-api-key']) && !reply.hasHeader('cache-control')) {
      void reply.header('cache-control', 'private, no-cache');
    }
    if (
      !etags ||
      (request.method !== 'GET' && request.method !== 'HEAD') ||
      reply.statusCode !== 200 ||
      !(typeof payload === 'string' || Buffer.isBuffer(payload)) ||
      !VALIDATED.test(String(reply.getHeader('content-type') ?? ''))
    ) {
      return done(null, payload);
    }
    const etag = entityTag(payload);
    void reply.header('etag', etag);
    if (!ifNoneMatchHits(request.headers['if-none-match'], etag)) return done(null, payload);
    void reply.code(304);
    reply.removeHeader('content-type');
    reply.removeHeader('content-length');
    done(null, '');
  });
}
