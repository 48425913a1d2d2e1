import Busboy from '@fastify/busboy';
import { HttpStatus } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ProblemCase } from './api-problems';
import { ProblemException } from './problem';
import { validationProblem } from './validation';

export interface UploadedFile {
  filename: string;
  mimetype: string;
  content: Buffer;
}

/**
 * Multipart bodies are left unread by Fastify and read by the route that wants them
 * (`readUploadedFile`), with that route's limit. Unlike @fastify/multipart this adds no hook to
 * every request of the app.
 */
export function acceptMultipart(fastify: FastifyInstance): void {
  fastify.addContentTypeParser('multipart/form-data', (_request, _payload, done) => done(null, undefined));
}

/** 413: the file is past the route's limit. */
export const uploadTooLarge = (maxBytes: number) =>
  new ProblemException(HttpStatus.PAYLOAD_TOO_LARGE, {
    code: 'payload_too_large',
    detail: `Tệp vượt quá giới hạn ${Math.floor(maxBytes / 1024)} KiB.`,
  });

/** 415: uploads come as multipart/form-data. */
export const notMultipart = () =>
  new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, {
    code: 'unsupported_media_type',
    detail: 'Hãy gửi tệp dưới dạng multipart/form-data (trường "file").',
  });

/** 400: the multipart body cannot be read (no boundary, cut short). */
const malformedMultipart = () => validationProblem([{ field: 'file', message: 'nội dung multipart không hợp lệ' }]);

/** 400: the multipart body has no field `file`. */
export const missingFile = () => validationProblem([{ field: 'file', message: 'thiếu tệp' }]);

/**
 * The one file (field `file`) of a multipart request, up to `maxBytes`: 415 when the request is not
 * multipart, 400 when it has no file, 413 past the limit.
 */
export function readUploadedFile(request: FastifyRequest, maxBytes: number): Promise<UploadedFile> {
  const contentType = request.headers['content-type'] ?? '';
  if (!contentType.startsWith('multipart/form-data')) {
    return Promise.reject(notMultipart());
  }
  return new Promise<UploadedFile>((resolve, reject) => {
    let file: UploadedFile | undefined;
    let truncated = false;
    let busboy: InstanceType<typeof Busboy>;
    try {
      busboy = new Busboy({
        headers: { ...request.headers, 'content-type': contentType },
        limits: { files: 1, fileSize: maxBytes },
      });
    } catch {
      reject(malformedMultipart());
      return;
    }
    busboy.on('file', (_field, stream, filename, _encoding, mimetype) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => (truncated = true));
      stream.on('end', () => (file = { filename, mimetype, content: Buffer.concat(chunks) }));
      // A body cut short inside the file fails this stream, not busboy; unheard, it would crash the process.
      stream.on('error', () => reject(malformedMultipart()));
    });
    busboy.on('error', () => reject(malformedMultipart()));
    busboy.on('finish', () => {
      if (truncated) reject(uploadTooLarge(maxBytes));
      else if (!file) reject(missingFile());
      else resolve(file);
    });
    request.raw.pipe(busboy);
  });
}

/** How `readUploadedFile` fails, for `@ApiProblems(...UPLOAD_PROBLEMS(limit))`; `limit` names the setting. */
export const UPLOAD_PROBLEMS = (limit: string): ProblemCase[] => [
  { problem: missingFile(), when: 'the multipart body has no field `file`' },
  { problem: uploadTooLarge(10 * 1024 * 1024), when: `the file is larger than ${limit}` },
  { problem: notMultipart(), when: 'the request is not multipart/form-data' },
];
