import { Controller, Get, Headers, Ip, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/api-problems';
import type { FastifyReply } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from '../../common/problem';
import { Public } from '../auth/auth.decorators';
import { tooManyVerifications, unknownVerificationCode } from './certificates.errors';
import { CertificatesService } from './certificates.service';
import { renderVerificationNotFoundPage, renderVerificationPage } from './verify-page';
import { VerifyRateLimit } from './verify-rate-limit';

/** Where `GET /verify/:code` lives: at the root, short enough for a QR code a phone reads at a glance. */
export const VERIFY_ROUTE = 'verify/:code';

/**
 * The public verification of a certificate by the code in its QR: HTML for a browser, JSON for
 * `Accept: application/json`. Unknown codes cost one indexed lookup, as known ones do, so timing
 * does not tell them apart; the route is rate-limited per client.
 */
@ApiTags('certificates')
@Public()
@Controller()
export class VerificationController {
  constructor(
    private readonly certificates: CertificatesService,
    private readonly rateLimit: VerifyRateLimit,
  ) {}

  @Get(VERIFY_ROUTE)
  @ApiProduces('text/html', 'application/json')
  @ApiOkResponse({ description: 'The printed content, the status and the content hash' })
  @ApiOperation({
    summary: 'Verify a certificate by its code (public)',
    description:
      'What the QR code on a certificate opens: an HTML page for a browser, or JSON with `Accept: application/json` ' +
      '(the whole printed content, the status and a content hash). Public, at the root (`/verify/{code}`), and ' +
      'rate-limited per client.',
  })
  @ApiProblems(
    { problem: unknownVerificationCode(), when: 'no certificate has this code (HTML page for browsers)' },
    tooManyVerifications(60),
  )
  async verify(
    @Param('code') code: string,
    @Headers('accept') accept: string | undefined,
    @Ip() ip: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const wait = await this.rateLimit.secondsToWait(ip);
    if (wait > 0) throw tooManyVerifications(wait);
    const verification = await this.certificates.verify(code);
    const json = wantsJson(accept);
    void reply.header('cache-control', 'no-store').header('vary', 'Accept');
    if (!verification) {
      const body = json ? JSON.stringify(unknownVerificationCode().problem) : renderVerificationNotFoundPage();
      void reply
        .status(404)
        .header('content-type', json ? PROBLEM_CONTENT_TYPE : 'text/html; charset=utf-8')
        .send(body);
      return;
    }
    if (json) void reply.header('content-type', 'application/json; charset=utf-8').send(verification);
    else void reply.header('content-type', 'text/html; charset=utf-8').send(renderVerificationPage(verification));
  }
}

/** JSON when the client asks for it before (or instead of) HTML. */
function wantsJson(accept: string | undefined): boolean {
  if (!accept) return false;
  const json = accept.indexOf('application/json');
  const html = accept.indexOf('text/html');
  return json >= 0 && (html < 0 || json < html);
}
