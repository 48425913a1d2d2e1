import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ProblemDetails } from '../../common/problem';
import { Public } from './auth.decorators';
import { AuthService } from './auth.service';
import { LoginRequest, LoginResponse } from './dto/login.dto';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponse })
  @ApiBadRequestResponse({ type: ProblemDetails })
  @ApiUnauthorizedResponse({ type: ProblemDetails, description: 'Sai tên đăng nhập hoặc mật khẩu' })
  login(@Body() body: LoginRequest): Promise<LoginResponse> {
    return this.auth.login(body.username, body.password);
  }
}
