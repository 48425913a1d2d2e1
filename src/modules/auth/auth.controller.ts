import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/api-problems';
import { CurrentPerson, PEOPLE_ONLY, Person, Public, SignedIn } from './auth.decorators';
import { invalidCredentials, refreshRefused, tooManyLoginAttempts } from './auth.errors';
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
  @ApiOperation({
    summary: 'Log in with username and password',
    description:
      'Starts a session: a 15-minute access token for `Authorization: Bearer`, and a refresh token to renew it. ' +
      'Public. Repeated failures for a username or from an address are throttled.',
  })
  @ApiProblems(
    400,
    { problem: invalidCredentials(), when: 'unknown username or wrong password (they look the same)' },
    tooManyLoginAttempts(300),
  )
  login(@Body() body: LoginRequest, @Ip() ip: string): Promise<TokenPair> {
    return this.auth.login(body.username, body.password, ip);
  }

  @Public()
  @Post('auth/refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenPair, description: 'A new pair; the presented refresh token is used up' })
  @ApiOperation({
    summary: 'Renew the tokens with a refresh token',
    description:
      'Exchanges a refresh token for a new pair; the presented one is used up. Presenting a used-up token again ' +
      'revokes the whole session (its token family), as it suggests theft. Public.',
  })
  @ApiProblems(
    400,
    { problem: refreshRefused('invalid'), when: 'unknown, expired or revoked' },
    { problem: refreshRefused('reused'), when: 'already used: the session is revoked' },
    { problem: refreshRefused('reused_recently'), when: 'a retry just after a refresh: use the newest token' },
  )
  refresh(@Body() body: RefreshRequest, @Ip() ip: string): Promise<TokenPair> {
    return this.tokens.refresh(body.refreshToken, ip);
  }

  @Post('auth/logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The refresh token family is revoked' })
  @SignedIn()
  @ApiOperation({
    summary: 'Log out: end this session',
    description:
      'Revokes the refresh token family the given token belongs to; the other sessions of the person stay. ' +
      'Any signed-in person, for their own session.',
  })
  @ApiProblems(400, PEOPLE_ONLY)
  logout(@Body() body: LogoutRequest, @CurrentPerson() person: Person, @Ip() ip: string): Promise<void> {
    return this.tokens.logout(body.refreshToken, person.userId, ip);
  }
}
