import { Body, Controller, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ProblemDetails } from '../../common/problem';
import { UuidPipe } from '../../common/uuid.pipe';
import { CurrentPrincipal, Principal, Public } from '../auth/auth.decorators';
import { ActivationService } from './activation.service';
import { ActivateRequest } from './dto/activation.dto';

@ApiTags('auth')
@Controller()
export class ActivationController {
  constructor(private readonly activation: ActivationService) {}

  @Get('imports/:id/activation-codes.csv')
  @ApiBearerAuth()
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="activation-codes.csv"')
  @Header('cache-control', 'no-store')
  @ApiOkResponse({ description: 'CSV: username, fullName, activationCode, expiresAt. Once only; then 410.' })
  codes(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<string> {
    return this.activation.exportCodes(principal, id);
  }

  @Public()
  @Post('auth/activate')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The password is set; log in with it' })
  @ApiBadRequestResponse({ type: ProblemDetails })
  async activate(@Body() body: ActivateRequest): Promise<void> {
    await this.activation.activate(body.username, body.code, body.newPassword);
  }
}
