import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Page, PageOf, PageQuery } from '../../common/pagination';
import { ProblemDetails } from '../../common/problem';
import { UuidPipe } from '../../common/uuid.pipe';
import { Can, CurrentPrincipal, Principal } from '../auth/auth.decorators';
import {
  CreateOrgUnitRequest,
  ListOrgUnitsQuery,
  MergeOrgUnitRequest,
  MoveOrgUnitRequest,
  OrgUnitChangeView,
  OrgUnitView,
  UpdateOrgUnitRequest,
} from './dto/org-unit.dto';
import { OrgUnitsService } from './org-units.service';
import { Idempotent } from '../../idempotency/idempotent.decorator';

@ApiTags('org-units')
@Controller('org-units')
@ApiNotFoundResponse({ type: ProblemDetails, description: 'Not found or outside your scope' })
export class OrgUnitsController {
  constructor(private readonly units: OrgUnitsService) {}

  @Post()
  @Idempotent()
  @Can('org_units.write')
  @ApiCreatedResponse({ type: OrgUnitView })
  @ApiConflictResponse({ type: ProblemDetails, description: 'Code taken, or the parent was merged' })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateOrgUnitRequest): Promise<OrgUnitView> {
    return OrgUnitView.from(await this.units.create(principal, body));
  }

  @Get()
  @Can('org_units.read')
  @ApiOkResponse({ type: PageOf(OrgUnitView) })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: ListOrgUnitsQuery): Promise<Page<OrgUnitView>> {
    const page = await this.units.list(principal, query);
    return { items: page.items.map(OrgUnitView.from), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Can('org_units.read')
  @ApiOkResponse({ type: OrgUnitView })
  async get(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<OrgUnitView> {
    return OrgUnitView.from(await this.units.get(principal, id));
  }

  @Get(':id/children')
  @Can('org_units.read')
  @ApiOkResponse({ type: PageOf(OrgUnitView) })
  async children(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Query() query: ListOrgUnitsQuery,
  ): Promise<Page<OrgUnitView>> {
    await this.units.get(principal, id);
    const page = await this.units.list(principal, { ...query, parentId: id });
    return { items: page.items.map(OrgUnitView.from), nextCursor: page.nextCursor };
  }

  @Patch(':id')
  @Can('org_units.write')
  @ApiOkResponse({ type: OrgUnitView })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: UpdateOrgUnitRequest,
  ): Promise<OrgUnitView> {
    return OrgUnitView.from(await this.units.update(principal, id, body));
  }

  @Post(':id/move')
  @Idempotent()
  @HttpCode(200)
  @Can('org_units.restructure')
  @ApiOkResponse({ type: OrgUnitChangeView, description: 'Applied now, or scheduled for its day' })
  @ApiConflictResponse({ type: ProblemDetails, description: 'A cycle, or a merged unit' })
  async move(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: MoveOrgUnitRequest,
  ): Promise<OrgUnitChangeView> {
    return OrgUnitChangeView.from(await this.units.move(principal, id, body));
  }

  @Post(':id/merge')
  @Idempotent()
  @HttpCode(200)
  @Can('org_units.restructure')
  @ApiOkResponse({ type: OrgUnitChangeView, description: 'Applied now, or scheduled for its day' })
  @ApiConflictResponse({ type: ProblemDetails, description: 'A cycle, or a merged unit' })
  async merge(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: MergeOrgUnitRequest,
  ): Promise<OrgUnitChangeView> {
    return OrgUnitChangeView.from(await this.units.merge(principal, id, body));
  }

  @Get(':id/history')
  @Can('org_units.read')
  @ApiOkResponse({ type: PageOf(OrgUnitChangeView) })
  async history(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Query() query: PageQuery,
  ): Promise<Page<OrgUnitChangeView>> {
    const page = await this.units.history(principal, id, query);
    return { items: page.items.map(OrgUnitChangeView.from), nextCursor: page.nextCursor };
  }
}
