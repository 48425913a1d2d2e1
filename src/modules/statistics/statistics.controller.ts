import { Body, Controller, Get, Param, Post, Put, Query, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/api-problems';
import { Idempotent, IdempotentPut } from '../../idempotency/idempotent.decorator';
import { Can, CurrentPrincipal, Principal } from '../auth/auth.decorators';
import {
  ClusterView,
  CompletionQuery,
  CompletionView,
  CreateClusterRequest,
  PlanParams,
  PlansQuery,
  PlansView,
  PutPlanRequest,
} from './dto/statistics.dto';
import { AttendanceQuery, AttendanceView } from './dto/attendance.dto';
import { EnrollmentChangesQuery, EnrollmentChangesView } from './dto/enrollment-feed.dto';
import { completionCsv, completionXlsx } from './completion-export';
import { EnrollmentFeedService } from './enrollment-feed.service';
import { Completion, StatisticsService } from './statistics.service';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const EXPORT_FILE_NAME = 'thong-ke-hoan-thanh';

@ApiTags('stats')
@Controller('stats')
export class StatisticsController {
  constructor(
    private readonly statistics: StatisticsService,
    private readonly feed: EnrollmentFeedService,
  ) {}

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
  @ApiProblems({ problem: 400, when: 'No unit or cluster, both, a bad day or grouping' })
  @ApiProblems({ problem: 404, when: 'The unit or a cluster member is not in your scope' })
  completion(@CurrentPrincipal() principal: Principal, @Query() query: CompletionQuery): Promise<Completion> {
    return this.statistics.completion(principal, query);
  }

  @Get('completion.csv')
  @Can('stats.read')
  @ApiOperation({
    summary: 'Completion figures as CSV',
    description:
      'The rows of GET /stats/completion and the total, for Excel: UTF-8 with a BOM, CRLF, Vietnamese headers, ' +
      'text cells that Excel would run as formulas neutralised. Same query and readers.',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The CSV file', schema: { type: 'string' } })
  @ApiProblems({ problem: 400, when: 'No unit or cluster, both, a bad day or grouping' })
  @ApiProblems({ problem: 404, when: 'The unit or a cluster member is not in your scope' })
  async completionCsv(
    @CurrentPrincipal() principal: Principal,
    @Query() query: CompletionQuery,
  ): Promise<StreamableFile> {
    const { rows, total } = await this.statistics.completion(principal, query);
    return new StreamableFile(Buffer.from(completionCsv([...rows, total]), 'utf8'), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${EXPORT_FILE_NAME}.csv"`,
    });
  }

  @Get('completion.xlsx')
  @Can('stats.read')
  @ApiOperation({
    summary: 'Completion figures as an Excel workbook',
    description:
      'The rows of GET /stats/completion and the total in one sheet named in Vietnamese, streamed as it is ' +
      'written: bold frozen header, numbers as numbers, the pass rate as a percentage. Same query and readers.',
  })
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({ description: 'The workbook', schema: { type: 'string', format: 'binary' } })
  @ApiProblems({ problem: 400, when: 'No unit or cluster, both, a bad day or grouping' })
  @ApiProblems({ problem: 404, when: 'The unit or a cluster member is not in your scope' })
  async completionXlsx(
    @CurrentPrincipal() principal: Principal,
    @Query() query: CompletionQuery,
  ): Promise<StreamableFile> {
    const { rows, total } = await this.statistics.completion(principal, query);
    return new StreamableFile(completionXlsx([...rows, total]), {
      type: XLSX_TYPE,
      disposition: `attachment; filename="${EXPORT_FILE_NAME}.xlsx"`,
    });
  }

  @Get('plans')
  @Can('stats.read')
  @ApiOperation({
    summary: 'The year’s plan beside the actuals',
    description:
      'Per programme: the unit’s plan for the year, its children’s plans summed, opened classes under the unit ' +
      'ending that year, their learners (withdrawn and rejected left out), completions, and % of plan. Stats ' +
      'readers over the unit.',
  })
  @ApiOkResponse({ type: PlansView })
  @ApiProblems({ problem: 400, when: 'A bad unit id or year' })
  @ApiProblems({ problem: 404, when: 'The unit is not in your scope' })
  plans(@CurrentPrincipal() principal: Principal, @Query() query: PlansQuery): Promise<PlansView> {
    return this.statistics.plansOf(principal, query);
  }

  @Get('attendance')
  @Can('stats.read')
  @ApiOperation({
    summary: 'Attendance figures of a unit’s subtree',
    description:
      'Sessions held (begun) of opened classes under the unit, merged units included, starting in from–to (days ' +
      'in the class’s timezone), their bridge points, the bridge points’ headcounts and the attendances present ' +
      'or late, per child or month, with a total. Counted from the rows at the time of asking. Stats viewers, ' +
      'school admins and API keys with stats:read, over their subtree.',
  })
  @ApiOkResponse({ type: AttendanceView })
  @ApiProblems({ problem: 400, when: 'No or a bad unit id, a bad day or grouping' })
  @ApiProblems({ problem: 404, when: 'The unit is not in your scope' })
  attendance(@CurrentPrincipal() principal: Principal, @Query() query: AttendanceQuery): Promise<AttendanceView> {
    return this.statistics.attendance(principal, query);
  }

  @Get('enrollments')
  @Can('enrollments.read')
  @ApiOperation({
    summary: 'Change feed of enrolment outcomes, for other systems to sync',
    description:
      'Enrolments of the classes under the unit (merged units included) with their outcome, learner, class, ' +
      'programme and current certificate, in commit order: a change is handed out only once every transaction ' +
      'that started before it has ended, so a reader that resumes from nextCursor never misses one, however ' +
      'transactions commit. An enrolment changed again comes again, in its latest state. Poll with the last ' +
      'nextCursor; hasMore says more is ready now. School admins, stats viewers and API keys with ' +
      'enrollments:read, over their subtree.',
  })
  @ApiOkResponse({ type: EnrollmentChangesView })
  @ApiProblems({ problem: 400, when: 'No or a bad unit id, a bad updatedSince, limit or cursor' })
  @ApiProblems({ problem: 404, when: 'The unit is not in your scope' })
  enrollmentChanges(
    @CurrentPrincipal() principal: Principal,
    @Query() query: EnrollmentChangesQuery,
  ): Promise<EnrollmentChangesView> {
    return this.feed.changes(principal, query);
  }

  @Post('clusters')
  @Idempotent()
  @Can('stats.clusters')
  @ApiOperation({
    summary: 'Create an emulation cluster',
    description: 'A named set of units (cụm thi đua) whose figures are compared side by side. System admins only.',
  })
  @ApiCreatedResponse({ type: ClusterView })
  @ApiProblems({ problem: 400, when: 'No name, no or unknown units' })
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

/** Plans are set on the unit (`/org-units/:id/plans/:year`); statistics owns them and reads them. */
@ApiTags('stats')
@Controller('org-units')
export class PlansController {
  constructor(private readonly statistics: StatisticsService) {}

  @Put(':id/plans/:year')
  @IdempotentPut()
  @Can('stats.plan')
  @ApiOperation({
    summary: 'Set a unit’s plan for a year',
    description:
      'Replaces the unit’s annual plan: per programme the classes to open and the learners to train. School ' +
      'admins of the unit or above.',
  })
  @ApiOkResponse({ type: PlansView, description: 'The plan beside the actuals, as GET /stats/plans' })
  @ApiProblems({ problem: 400, when: 'A bad year, item, or unknown or repeated programme' })
  @ApiProblems({ problem: 404, when: 'The unit is not in your scope' })
  putPlan(
    @CurrentPrincipal() principal: Principal,
    @Param() params: PlanParams,
    @Body() request: PutPlanRequest,
  ): Promise<PlansView> {
    return this.statistics.putPlan(principal, params.id, params.year, request);
  }
}
