import { Injectable } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
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
      // A key object, not the string: given a string, jsonwebtoken first tries to parse it as a
      // public key on every verify, and that failed parse was a sixth of an authenticated request's CPU.
      secretOrKey: createSecretKey(Buffer.from(env.JWT_SECRET, 'utf8')) as unknown as Buffer,
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
