import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/api-problems';
import { CurrentPerson, PEOPLE_ONLY, Person, SignedIn } from '../auth/auth.decorators';
import { UpdateMeRequest, UserView } from './dto/user.dto';
import { UsersService } from './users.service';

/** The caller's own account: any signed-in person. */
@ApiTags('me')
@Controller('me')
export class MeController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOkResponse({ type: UserView })
  @SignedIn()
  @ApiOperation({
    summary: 'Get your own account',
    description: 'The signed-in person: profile, unit, party status and the roles held with their units. Any person.',
  })
  @ApiProblems(PEOPLE_ONLY)
  me(@CurrentPerson() person: Person): Promise<UserView> {
    return this.users.me(person.userId);
  }

  @Patch()
  @ApiOkResponse({ type: UserView })
  @SignedIn()
  @ApiOperation({
    summary: 'Update your own account',
    description:
      'Changes your name, email, phone or password (`{current, new}`; the current one is checked). Roles and unit ' +
      'are not yours to change: a school admin does that. Any person.',
  })
  @ApiProblems(
    { problem: 400, when: 'an invalid field, roles or unit sent, or a wrong current password (`password.current`)' },
    PEOPLE_ONLY,
  )
  update(@CurrentPerson() person: Person, @Body() body: UpdateMeRequest): Promise<UserView> {
    return this.users.updateMe(person.userId, body);
  }
}
