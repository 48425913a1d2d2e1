import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { ProblemException } from './problem';
import { readUploadedFile } from './upload';

const multipart = (body: string) =>
  ({
    headers: { 'content-type': 'multipart/form-data; boundary=x' },
    raw: Readable.from([Buffer.from(body)]),
  }) as unknown as FastifyRequest;

describe('readUploadedFile', () => {
  it('reads the field `file`', async () => {
    const file = await readUploadedFile(
      multipart('--x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nmột,hai\r\n--x--\r\n'),
      1024,
    );
    expect(file).toMatchObject({ filename: 'a.csv' });
    expect(file.content.toString()).toBe('một,hai');
  });

  it('refuses a body cut short inside the file as a 400, not an unhandled stream error', async () => {
    const cut = readUploadedFile(
      multipart('--x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nkhông đóng'),
      1024,
    );
    await expect(cut).rejects.toBeInstanceOf(ProblemException);
    await expect(cut).rejects.toMatchObject({ problem: { status: 400, errors: [{ field: 'file' }] } });
  });
});
