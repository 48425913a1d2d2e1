import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/api-problems';
import { Page, PageOf, PageQuery } from '../../common/pagination';
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
import {
  orgUnitCodeTaken,
  MERGED_UNIT,
  orgUnitMergeCycle,
  orgUnitMoveCycle,
  rootUnitRequiresSystemAdmin,
} from './org-units.errors';
import { OrgUnitsService } from './org-units.service';
import { Idempotent } from '../../idempotency/idempotent.decorator';

@ApiTags('org-units')
@Controller('org-units')
export class OrgUnitsController {
  constructor(private readonly units: OrgUnitsService) {}

  @Post()
  @Idempotent()
  @Can('org_units.write')
  @ApiOperation({
    summary: 'Create an org unit',
    description:
      'Creates a unit under `parentId`, which must be in your scope and active. A unit without a parent starts a new ' +
      'tree: only a system admin may create one. Codes are unique across the tree, whatever their case.',
  })
  @ApiCreatedResponse({ type: OrgUnitView })
  @ApiProblems(
    400,
    { problem: 404, when: 'the parent is not in your scope' },
    { problem: rootUnitRequiresSystemAdmin(), when: 'no `parentId` and you are not a system admin' },
    orgUnitCodeTaken('TTCT-MINHXUAN'),
    MERGED_UNIT,
  )
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateOrgUnitRequest): Promise<OrgUnitView> {
    return OrgUnitView.from(await this.units.create(principal, body));
  }

  @Get()
  @Can('org_units.read')
  @ApiOperation({
    summary: 'List org units in scope',
    description:
      'Units inside your subtrees, filtered by `parentId`, `type` and a name or code search `q` (accents ignored). ' +
      'Any role may read the units of its subtree.',
  })
  @ApiOkResponse({ type: PageOf(OrgUnitView) })
  @ApiProblems(400, { problem: 404, when: '`parentId` is not in your scope' })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: ListOrgUnitsQuery): Promise<Page<OrgUnitView>> {
    const page = await this.units.list(principal, query);
    return { items: page.items.map(OrgUnitView.from), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Can('org_units.read')
  @ApiOperation({ summary: 'Get an org unit', description: 'One unit of your subtrees, with its path in the tree.' })
  @ApiOkResponse({ type: OrgUnitView })
  @ApiProblems(400, 404)
  async get(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<OrgUnitView> {
    return OrgUnitView.from(await this.units.get(principal, id));
  }

  @Get(':id/children')
  @Can('org_units.read')
  @ApiOperation({
    summary: 'List the direct children of a unit',
    description:
      'The units whose parent is this one, with the same filters as the list. The unit must be in your scope.',
  })
  @ApiOkResponse({ type: PageOf(OrgUnitView) })
  @ApiProblems(400, 404)
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
  @ApiOperation({
    summary: 'Rename an org unit',
    description:
      'Changes the name or code of a unit in your scope; the place in the tree changes only through move and merge. ' +
      'A merged unit takes no changes.',
  })
  @ApiOkResponse({ type: OrgUnitView })
  @ApiProblems(400, 404, orgUnitCodeTaken('TTCT-MINHXUAN'), MERGED_UNIT)
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
  @ApiOperation({
    summary: 'Move a unit under a new parent',
    description:
      'Moves the unit and its whole subtree under `newParentId` from `effectiveFrom`: at once when that day has ' +
      'come, else on the day by a job. The history keeps the old parent. System admins only.',
  })
  @ApiOkResponse({ type: OrgUnitChangeView, description: 'Applied now, or scheduled for its day' })
  @ApiProblems(
    400,
    404,
    { problem: orgUnitMoveCycle(), when: 'the new parent is the unit itself or inside it' },
    MERGED_UNIT,
  )
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
  @ApiOperation({
    summary: 'Merge a unit into another',
    description:
      'From `effectiveFrom` (at once when that day has come, else on the day by a job) the unit becomes inactive ' +
      'and its classes and people roll up under `intoId`, as in the 2025 reorganisation. The history keeps the ' +
      'merge. System admins only.',
  })
  @ApiOkResponse({ type: OrgUnitChangeView, description: 'Applied now, or scheduled for its day' })
  @ApiProblems(
    400,
    404,
    { problem: orgUnitMergeCycle(), when: '`intoId` is the unit itself or inside it' },
    MERGED_UNIT,
  )
  async merge(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: MergeOrgUnitRequest,
  ): Promise<OrgUnitChangeView> {
    return OrgUnitChangeView.from(await this.units.merge(principal, id, body));
  }

  @Get(':id/history')
  @Can('org_units.read')
  @ApiOperation({
    summary: 'List the moves and merges of a unit',
    description: 'Parent changes and merges of the unit with their dates, applied or scheduled, in date order.',
  })
  @ApiOkResponse({ type: PageOf(OrgUnitChangeView) })
  @ApiProblems(400, 404)
  async history(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Query() query: PageQuery,
  ): Promise<Page<OrgUnitChangeView>> {
    const page = await this.units.history(principal, id, query);
    return { items: page.items.map(OrgUnitChangeView.from), nextCursor: page.nextCursor };
  }
}
