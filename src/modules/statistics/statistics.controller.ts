import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ProblemDetails } from '../../common/problem';
import { Can, CurrentPrincipal, Principal } from '../auth/auth.decorators';
import { ClusterView, CompletionQuery, CompletionView, CreateClusterRequest } from './dto/statistics.dto';
import { Completion, StatisticsService } from './statistics.service';

@ApiTags('stats')
@Controller('stats')
@ApiForbiddenResponse({ type: ProblemDetails, description: 'Your roles or API key scopes give no statistics' })
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  @Get('completion')
  @Can('stats.read')
  @ApiOperation({
    summary: 'Completion figures of a unit’s subtree or of a cluster',
    description:
      'Classes (opened, by end day in from–to), enrolments, outcomes, pass rate, average score, classification and ' +
      'certificates of everything under the unit, merged units included, per child, programme or month, with a ' +
      'total; with clusterId one row per member. Read from counters kept by events: exact once the events of the ' +
      'latest changes are handled. Stats viewers, school admins and API keys with stats:read, over their subtree.',
  })
  @ApiOkResponse({ type: CompletionView })
  @ApiBadRequestResponse({ type: ProblemDetails, description: 'No unit or cluster, both, a bad day or grouping' })
  @ApiNotFoundResponse({ type: ProblemDetails, description: 'The unit or a cluster member is not in your scope' })
  completion(@CurrentPrincipal() principal: Principal, @Query() query: CompletionQuery): Promise<Completion> {
    return this.statistics.completion(principal, query);
  }

  @Post('clusters')
  @Can('stats.clusters')
  @ApiOperation({
    summary: 'Create an emulation cluster',
    description: 'A named set of units (cụm thi đua) whose figures are compared side by side. System admins only.',
  })
  @ApiCreatedResponse({ type: ClusterView })
  @ApiBadRequestResponse({ type: ProblemDetails, description: 'No name, no or unknown units' })
  createCluster(@CurrentPrincipal() principal: Principal, @Body() request: CreateClusterRequest): Promise<ClusterView> {
    return this.statistics.createCluster(principal, request);
  }

  @Get('clusters')
  @Can('stats.read')
  @ApiOperation({
    summary: 'List emulation clusters',
    description: 'Every cluster with its member units, by name. Anyone who reads statistics.',
  })
  @ApiOkResponse({ type: [ClusterView] })
  listClusters(): Promise<ClusterView[]> {
    return this.statistics.listClusters();
  }
}
