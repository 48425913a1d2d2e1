import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Page, PageOf } from '../../common/pagination';
import { ProblemDetails } from '../../common/problem';
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
  @ApiConflictResponse({ type: ProblemDetails, description: 'The code is taken' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateProgramRequest): Promise<ProgramView> {
    return this.programs.create(principal, body);
  }

  @Get()
  @Can('curricula.read')
  @ApiOkResponse({ type: PageOf(ProgramView) })
  list(@Query() query: ListProgramsQuery): Promise<Page<ProgramView>> {
    return this.programs.list(query);
  }

  @Get(':id')
  @Can('curricula.read')
  @ApiOkResponse({ type: ProgramView })
  @ApiNotFoundResponse({ type: ProblemDetails })
  get(@Param('id', UuidPipe) id: string): Promise<ProgramView> {
    return this.programs.get(id);
  }
}
