import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ProblemDetails } from '../../common/problem';
import { CurrentPerson, Person } from '../auth/auth.decorators';
import { UpdateMeRequest, UserView } from './dto/user.dto';
import { UsersService } from './users.service';

/** The caller's own account: any signed-in person. */
@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOkResponse({ type: UserView })
  me(@CurrentPerson() person: Person): Promise<UserView> {
    return this.users.me(person.userId);
  }

  @Patch()
  @ApiOkResponse({ type: UserView })
  @ApiBadRequestResponse({ type: ProblemDetails, description: 'Roles or unit sent, or a wrong current password' })
  update(@CurrentPerson() person: Person, @Body() body: UpdateMeRequest): Promise<UserView> {
    return this.users.updateMe(person.userId, body);
  }
}
