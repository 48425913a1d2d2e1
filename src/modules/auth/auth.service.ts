import { HttpStatus, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ProblemException } from '../../common/problem';
import { User } from '../users/entities/user.entity';
import { LoginResponse } from './dto/login.dto';
import { verifyPassword } from './passwords';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
  ) {}

  async login(username: string, password: string): Promise<LoginResponse> {
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('lower(user.username) = lower(:username)', { username: username.normalize('NFC') })
      .getOne();
    if (!(await verifyPassword(user?.passwordHash, password)) || !user) {
      throw new ProblemException(HttpStatus.UNAUTHORIZED, {
        code: 'invalid_credentials',
        detail: 'Tên đăng nhập hoặc mật khẩu không đúng.',
      });
    }
    const accessToken = await this.jwt.signAsync({ sub: user.id }, { expiresIn: ACCESS_TOKEN_TTL_SECONDS });
    return { accessToken, tokenType: 'Bearer', expiresIn: ACCESS_TOKEN_TTL_SECONDS };
  }
}
