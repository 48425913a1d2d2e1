import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { InjectDataSource } from '@nestjs/typeorm';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { DataSource } from 'typeorm';
import { Environment } from '../../config/environment';
import { RoleAssignment } from '../users/entities/role-assignment.entity';
import { User } from '../users/entities/user.entity';
import { Principal } from './auth.decorators';

interface AccessTokenClaims {
  sub: string;
}

/** Bearer access tokens; roles are read fresh so a removed role stops working at once. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    env: Environment,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: env.JWT_SECRET,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  async validate(claims: AccessTokenClaims): Promise<Principal | false> {
    const user = await this.dataSource.getRepository(User).findOneBy({ id: claims.sub });
    if (!user) return false;
    const roles = await this.dataSource.getRepository(RoleAssignment).findBy({ userId: user.id });
    return {
      userId: user.id,
      username: user.username,
      roles: roles.map((r) => ({ role: r.role, orgUnitId: r.orgUnitId })),
    };
  }
}
