import { HttpStatus } from '@nestjs/common';
import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { ProblemException } from './problem';

export interface UploadedFile {
  filename: string;
  mimetype: string;
  content: Buffer;
}

/**
 * The one file of a multipart request, up to `maxBytes`: 415 when the request is not multipart,
 * 400 when it has no file, 413 past the limit.
 */
export async function readUploadedFile(request: FastifyRequest, maxBytes: number): Promise<UploadedFile> {
  if (!request.isMultipart()) {
    throw new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, {
      code: 'unsupported_media_type',
      detail: 'Hãy gửi tệp dưới dạng multipart/form-data (trường "file").',
    });
  }
  const part = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
  if (!part) {
    throw new ProblemException(HttpStatus.BAD_REQUEST, {
      code: 'validation_failed',
      detail: 'file: thiếu tệp',
      errors: [{ field: 'file', message: 'thiếu tệp' }],
    });
  }
  const content = await part.toBuffer().catch((error: { code?: string }) => {
    if (error.code === 'FST_REQ_FILE_TOO_LARGE') return undefined;
    throw error;
  });
  if (!content || part.file.truncated) {
    throw new ProblemException(HttpStatus.PAYLOAD_TOO_LARGE, {
      code: 'payload_too_large',
      detail: `Tệp vượt quá giới hạn ${Math.floor(maxBytes / 1024)} KiB.`,
    });
  }
  return { filename: part.filename, mimetype: part.mimetype, content };
}
