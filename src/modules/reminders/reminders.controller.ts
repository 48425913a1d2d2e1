import { Controller, Get, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Page, PageOf } from '../../common/pagination';
import { ProblemDetails } from '../../common/problem';
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
  @ApiNotFoundResponse({ type: ProblemDetails, description: 'The unit is not in your scope' })
  probationAlerts(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ProbationAlertsQuery,
  ): Promise<Page<ProbationAlertView>> {
    return this.reminders.probationAlerts(principal, query);
  }
}
