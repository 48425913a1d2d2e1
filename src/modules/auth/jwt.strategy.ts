import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { Environment } from '../../config/environment';
import { UserAccountsService } from '../users/user-accounts.service';
import { Principal } from './auth.decorators';
import { SessionRevocations } from './session-revocations';

interface AccessTokenClaims {
  sub: string;
  /** The session (refresh token family); tokens issued before sessions were named have none. */
  sid?: string;
}

/**
 * Bearer access tokens: refused once their session has ended; roles are read fresh so a removed role
 * stops working at once.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  private readonly checkRevocation: boolean;

  constructor(
    env: Environment,
    private readonly accounts: UserAccountsService,
    private readonly revocations: SessionRevocations,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: env.JWT_SECRET,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
    this.checkRevocation = env.SESSION_REVOCATION === 'true';
  }

  async validate(claims: AccessTokenClaims): Promise<Principal | false> {
    if (this.checkRevocation && claims.sid && (await this.revocations.isRevoked(claims.sid))) return false;
    return (await this.accounts.principal(claims.sub)) ?? false;
  }
}
