import type { Response } from 'superagent';

type Parser = (res: Response, done: (error: Error | null, body: Buffer) => void) => void;

/** A supertest parser that keeps the body as bytes (PDF, ZIP): `.buffer(true).parse(binary)`. */
export const binary: Parser = (res, done) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};
