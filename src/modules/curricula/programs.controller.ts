import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/api-problems';
import { curriculaWriteForbidden, programCodeTaken } from './curricula.errors';
import { MERGED_UNIT } from '../org-units/org-units.errors';
import { Page, PageOf } from '../../common/pagination';
import { UuidPipe } from '../../common/uuid.pipe';
import { Can, CurrentPrincipal, Principal } from '../auth/auth.decorators';
import { CreateProgramRequest, ListProgramsQuery, ProgramView } from './dto/program.dto';
import { ProgramsService } from './programs.service';
import { Idempotent } from '../../idempotency/idempotent.decorator';

@ApiTags('curricula')
@Controller('programs')
export class ProgramsController {
  constructor(private readonly programs: ProgramsService) {}

  @Post()
  @Idempotent()
  @Can('curricula.write')
  @ApiCreatedResponse({ type: ProgramView })
  @ApiOperation({
    summary: 'Create a programme',
    description:
      'A programme (e.g. the course for Party awareness, for new members, for branch secretaries) whose versions are ' +
      'courses. Owned by `orgUnitId`, or by your only authoring unit. Codes are unique regardless of case.',
  })
  @ApiProblems(
    { problem: 400, when: 'invalid fields, or `orgUnitId` missing while you author in several units' },
    { problem: 404, when: '`orgUnitId` is not in your scope' },
    { problem: curriculaWriteForbidden(), when: 'you author curricula in no unit' },
    programCodeTaken('NTVD'),
    MERGED_UNIT,
  )
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateProgramRequest): Promise<ProgramView> {
    return this.programs.create(principal, body);
  }

  @Get()
  @Can('curricula.read')
  @ApiOkResponse({ type: PageOf(ProgramView) })
  @ApiOperation({
    summary: 'List programmes',
    description: 'Every programme, optionally of one `kind`. Programmes are shared by all units.',
  })
  @ApiProblems(400)
  list(@Query() query: ListProgramsQuery): Promise<Page<ProgramView>> {
    return this.programs.list(query);
  }

  @Get(':id')
  @Can('curricula.read')
  @ApiOkResponse({ type: ProgramView })
  @ApiOperation({ summary: 'Get a programme', description: 'One programme by id; any caller who reads curricula.' })
  @ApiProblems(400, 404)
  get(@Param('id', UuidPipe) id: string): Promise<ProgramView> {
    return this.programs.get(id);
  }
}
