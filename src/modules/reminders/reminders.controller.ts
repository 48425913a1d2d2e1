import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/api-problems';
import { Page, PageOf } from '../../common/pagination';
import { Can, CurrentPrincipal, Principal } from '../auth/auth.decorators';
import { ProbationAlertsQuery, ProbationAlertView } from './dto/probation-alert.dto';
import { RemindersService } from './reminders.service';

@ApiTags('stats')
@Controller('stats')
export class RemindersController {
  constructor(private readonly reminders: RemindersService) {}

  @Get('probation-alerts')
  @Can('stats.read')
  @ApiOkResponse({
    type: PageOf(ProbationAlertView),
    description: 'Soonest end first; within PROBATION_ALERT_DAYS, without a valid new-member certificate',
  })
  @ApiOperation({
    summary: 'List probationary members near the end of probation',
    description:
      'Probationary Party members in the subtree of `orgUnitId` whose probation ends within ' +
      'PROBATION_ALERT_DAYS and who hold no valid new-member certificate, soonest first: who still needs the course.',
  })
  @ApiProblems(400, { problem: 404, when: 'the unit is not in your scope' })
  probationAlerts(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ProbationAlertsQuery,
  ): Promise<Page<ProbationAlertView>> {
    return this.reminders.probationAlerts(principal, query);
  }
}
