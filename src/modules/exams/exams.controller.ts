import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { Page, PageOf, PageQuery } from '../../common/pagination';
import { ProblemDetails } from '../../common/problem';
import { UuidPipe } from '../../common/uuid.pipe';
import { Can, CurrentPerson, CurrentPrincipal, Person, Principal } from '../auth/auth.decorators';
import { AttemptsService } from './attempts.service';
import {
  AttemptView,
  CreateExamRequest,
  ExamView,
  GradeRequest,
  ListAttemptsQuery,
  SaveAnswersRequest,
} from './dto/exam.dto';
import { ExamsService } from './exams.service';
import { Idempotent, IdempotentPut } from '../../idempotency/idempotent.decorator';

class RegradeResult {
  @ApiProperty({ description: 'Attempts rescored' })
  attempts: number;

  @ApiProperty({ description: 'Attempts whose score changed (each audited)' })
  changed: number;
}

@ApiTags('exams')
@Controller()
@ApiNotFoundResponse({ type: ProblemDetails, description: 'Not found or not visible to you' })
export class ExamsController {
  constructor(
    private readonly exams: ExamsService,
    private readonly attempts: AttemptsService,
  ) {}

  @Post('classes/:id/exams')
  @Idempotent()
  @Can('exams.manage')
  @ApiCreatedResponse({ type: ExamView })
  @ApiConflictResponse({ type: ProblemDetails, description: 'Closed class, or a second final exam' })
  create(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: CreateExamRequest,
  ): Promise<ExamView> {
    return this.exams.create(principal, id, body);
  }

  @Get('classes/:id/exams')
  @Can('classes.read')
  @ApiOkResponse({ type: PageOf(ExamView) })
  list(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Query() query: PageQuery,
  ): Promise<Page<ExamView>> {
    return this.exams.list(principal, id, query);
  }

  @Get('exams/:id')
  @Can('classes.read')
  @ApiOkResponse({ type: ExamView })
  get(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<ExamView> {
    return this.exams.get(principal, id);
  }

  @Post('exams/:id/regrade')
  @Idempotent()
  @HttpCode(200)
  @Can('exams.manage')
  @ApiOkResponse({ type: RegradeResult })
  regrade(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<RegradeResult> {
    return this.exams.regrade(principal, id);
  }

  @Post('exams/:id/attempts')
  @Idempotent()
  @Can('classes.read')
  @ApiCreatedResponse({ type: AttemptView, description: 'Questions without keys; an open attempt is returned again' })
  @ApiConflictResponse({ type: ProblemDetails, description: 'Not open yet, closed, or no attempts left' })
  start(@CurrentPerson() person: Person, @Param('id', UuidPipe) id: string): Promise<AttemptView> {
    return this.attempts.start(person, id);
  }

  @Get('exams/:id/attempts')
  @Can('exams.manage')
  @ApiOkResponse({ type: PageOf(AttemptView) })
  attemptsOf(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Query() query: ListAttemptsQuery,
  ): Promise<Page<AttemptView>> {
    return this.attempts.list(principal, id, query);
  }

  @Put('attempts/:id/answers')
  @IdempotentPut()
  @Can('classes.read')
  @ApiOkResponse({ type: AttemptView })
  @ApiConflictResponse({ type: ProblemDetails, description: 'Submitted, or past the deadline' })
  save(
    @CurrentPerson() person: Person,
    @Param('id', UuidPipe) id: string,
    @Body() body: SaveAnswersRequest,
  ): Promise<AttemptView> {
    return this.attempts.save(person, id, body);
  }

  @Post('attempts/:id/submit')
  @Idempotent()
  @HttpCode(202)
  @Can('classes.read')
  @ApiAcceptedResponse({ type: AttemptView, description: 'Submitted once however often it is sent; graded by a job' })
  submit(@CurrentPerson() person: Person, @Param('id', UuidPipe) id: string): Promise<AttemptView> {
    return this.attempts.submit(person, id);
  }

  @Get('attempts/:id')
  @Can('classes.read')
  @ApiOkResponse({ type: AttemptView })
  attempt(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<AttemptView> {
    return this.attempts.get(principal, id);
  }

  @Post('attempts/:id/grades')
  @Idempotent()
  @HttpCode(200)
  @Can('exams.manage')
  @ApiOkResponse({ type: AttemptView })
  @ApiConflictResponse({ type: ProblemDetails, description: 'The attempt is not submitted yet' })
  grade(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: GradeRequest,
  ): Promise<AttemptView> {
    return this.attempts.gradeManually(principal, id, body);
  }
}
