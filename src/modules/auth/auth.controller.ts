import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ProblemDetails } from '../../common/problem';
import { CurrentPerson, Person, Public } from './auth.decorators';
import { AuthService } from './auth.service';
import { LoginRequest } from './dto/login.dto';
import { LogoutRequest, RefreshRequest, TokenPair } from './dto/tokens.dto';
import { RefreshTokenService } from './refresh-token.service';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly tokens: RefreshTokenService,
  ) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenPair, description: 'Starts a new session (refresh token family)' })
  @ApiBadRequestResponse({ type: ProblemDetails })
  @ApiUnauthorizedResponse({ type: ProblemDetails, description: 'Sai tên đăng nhập hoặc mật khẩu' })
  @ApiTooManyRequestsResponse({
    type: ProblemDetails,
    description: 'Quá nhiều lần đăng nhập sai theo tên đăng nhập hoặc địa chỉ IP (`too_many_login_attempts`)',
    headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } },
  })
  login(@Body() body: LoginRequest, @Ip() ip: string): Promise<TokenPair> {
    return this.auth.login(body.username, body.password, ip);
  }

  @Public()
  @Post('auth/refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenPair, description: 'A new pair; the presented refresh token is used up' })
  @ApiBadRequestResponse({ type: ProblemDetails })
  @ApiUnauthorizedResponse({
    type: ProblemDetails,
    description:
      '`invalid_refresh_token`; `refresh_token_reused` (the session is revoked); ' +
      '`refresh_token_reused_recently` (a retry just after a refresh; the session stays)',
  })
  refresh(@Body() body: RefreshRequest, @Ip() ip: string): Promise<TokenPair> {
    return this.tokens.refresh(body.refreshToken, ip);
  }

  @Post('auth/logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'The refresh token family is revoked' })
  @ApiBadRequestResponse({ type: ProblemDetails })
  @ApiUnauthorizedResponse({ type: ProblemDetails })
  logout(@Body() body: LogoutRequest, @CurrentPerson() person: Person, @Ip() ip: string): Promise<void> {
    return this.tokens.logout(body.refreshToken, person.userId, ip);
  }
}
