import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { Environment } from '../../config/environment';
import { UserAccountsService } from '../users/user-accounts.service';
import { Principal } from './auth.decorators';

interface AccessTokenClaims {
  sub: string;
}

/** Bearer access tokens; roles are read fresh so a removed role stops working at once. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    env: Environment,
    private readonly accounts: UserAccountsService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: env.JWT_SECRET,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  async validate(claims: AccessTokenClaims): Promise<Principal | false> {
    return (await this.accounts.principal(claims.sub)) ?? false;
  }
}
