import { Body, Controller, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/api-problems';
import { CurrentPrincipal, Principal, Public, SignedIn } from '../auth/auth.decorators';
import { activationCodesAlreadyDownloaded, importNotFinished, invalidActivationCode } from './users.errors';
import { UuidPipe } from '../../common/uuid.pipe';
import { ActivationService } from './activation.service';
import { ActivateRequest } from './dto/activation.dto';

@ApiTags('auth')
@Controller()
export class ActivationController {
  constructor(private readonly activation: ActivationService) {}

  @Get('imports/:id/activation-codes.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="activation-codes.csv"')
  @Header('cache-control', 'no-store')
  @ApiOkResponse({ description: 'CSV: username, fullName, activationCode, expiresAt. Once only; then 410.' })
  @SignedIn()
  @ApiOperation({
    summary: 'Download the activation codes of a people import',
    description:
      'CSV of username, full name, activation code and expiry for the people the import created without a password. ' +
      'Only the person who uploaded the import (or a system admin) may fetch it, once: the readable codes are erased ' +
      'as they are sent, so hand the file over safely.',
  })
  @ApiProblems(400, { problem: 404, when: 'no such import, or uploaded by someone else' }, importNotFinished(), {
    problem: activationCodesAlreadyDownloaded(),
    when: 'the codes were downloaded before',
  })
  codes(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<string> {
    return this.activation.exportCodes(principal, id);
  }

  @Public()
  @Post('auth/activate')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The password is set; log in with it' })
  @ApiOperation({
    summary: 'Activate an imported account',
    description:
      'An imported person sets their password with the activation code they were handed, then logs in with it. ' +
      'Public. Every refusal looks the same, so it tells nothing about whether the account exists.',
  })
  @ApiProblems(400, { problem: invalidActivationCode(), when: 'wrong, used or expired code, or unknown username' })
  async activate(@Body() body: ActivateRequest): Promise<void> {
    await this.activation.activate(body.username, body.code, body.newPassword);
  }
}
