import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { ApiProblems } from '../../common/api-problems';
import { Can, CurrentPerson, CurrentPrincipal, PEOPLE_ONLY, Person, Principal } from '../auth/auth.decorators';
import {
  attemptClosed,
  attemptNotGradable,
  attemptsExhausted,
  classClosed,
  enrollmentNotActive,
  examClosed,
  examNotOpen,
  finalExamExists,
} from './exams.errors';
import { Page, PageOf, PageQuery } from '../../common/pagination';
import { UuidPipe } from '../../common/uuid.pipe';
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

const STAFF = "The class's instructors and the school admins of its unit.";

class RegradeResult {
  @ApiProperty({ description: 'Attempts rescored' })
  attempts: number;

  @ApiProperty({ description: 'Attempts whose score changed (each audited)' })
  changed: number;
}

@ApiTags('exams')
@Controller()
export class ExamsController {
  constructor(
    private readonly exams: ExamsService,
    private readonly attempts: AttemptsService,
  ) {}

  @Post('classes/:id/exams')
  @Idempotent()
  @Can('exams.manage')
  @ApiCreatedResponse({ type: ExamView })
  @ApiOperation({
    summary: 'Create an exam for a class',
    description:
      'A `quiz` or the one `final` exam, open from `opensAt` to `closesAt`, with a time limit, a number of attempts, ' +
      'a pass mark and a grading policy (`highest` or `last`). Questions are fixed (`questionIds`) or drawn per ' +
      `attempt from the course's bank by tag or lesson (\`draw\`), optionally shuffled. ${STAFF}`,
  })
  @ApiProblems(
    {
      problem: 400,
      when: 'invalid fields, `closesAt` not after `opensAt`, both or neither of `questionIds` and `draw`, or too few questions',
    },
    404,
    { problem: classClosed(), when: 'the class is closed' },
    finalExamExists(),
  )
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
  @ApiOperation({
    summary: 'List the exams of a class',
    description: 'Exams with their windows and rules, never their keys. Staff of the class and its learners.',
  })
  @ApiProblems(400, 404)
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
  @ApiOperation({
    summary: 'Get an exam',
    description: 'One exam with its window and rules, never its keys. Staff of the class and its learners.',
  })
  @ApiProblems(400, 404)
  get(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<ExamView> {
    return this.exams.get(principal, id);
  }

  @Post('exams/:id/regrade')
  @Idempotent()
  @HttpCode(200)
  @Can('exams.manage')
  @ApiOkResponse({ type: RegradeResult })
  @ApiOperation({
    summary: 'Regrade every attempt of an exam',
    description:
      'Rescores the submitted attempts with the current keys (it also runs by itself when a key changes); each ' +
      `changed score is audited. ${STAFF}`,
  })
  @ApiProblems(400, 404)
  regrade(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<RegradeResult> {
    return this.exams.regrade(principal, id);
  }

  @Post('exams/:id/attempts')
  @Idempotent()
  @Can('classes.read')
  @ApiCreatedResponse({ type: AttemptView, description: 'Questions without keys; an open attempt is returned again' })
  @ApiOperation({
    summary: 'Start an attempt',
    description:
      "Draws the questions and starts the clock: the deadline is the time limit or the exam's closing, whichever " +
      'comes first. Questions come without keys. An attempt still in progress is returned again, so a retry starts ' +
      'nothing new. An active learner of the class.',
  })
  @ApiProblems(
    400,
    { problem: 404, when: 'no such exam, or you are not enrolled in its class' },
    PEOPLE_ONLY,
    enrollmentNotActive(),
    examNotOpen({ opensAt: new Date('2026-03-02T01:30:00Z') }),
    examClosed(),
    attemptsExhausted({ maxAttempts: 2 }),
  )
  start(@CurrentPerson() person: Person, @Param('id', UuidPipe) id: string): Promise<AttemptView> {
    return this.attempts.start(person, id);
  }

  @Get('exams/:id/attempts')
  @Can('exams.manage')
  @ApiOkResponse({ type: PageOf(AttemptView) })
  @ApiOperation({
    summary: 'List the attempts of an exam',
    description: `Every learner's attempts with scores, filtered by \`status\` (e.g. \`needs_manual_grading\`). ${STAFF}`,
  })
  @ApiProblems(400, 404)
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
  @ApiOperation({
    summary: 'Autosave answers (idempotent)',
    description:
      'Saves the answers sent (`value`: a key, a list of keys, or text), replacing earlier ones for those questions: ' +
      'last write wins, and sending the same body again changes nothing, so a phone may retry freely. Refused after ' +
      'the deadline; at the deadline the attempt is submitted with what was saved. The learner of the attempt.',
  })
  @ApiProblems(
    { problem: 400, when: 'a question not in the attempt, or a value that does not fit its type' },
    { problem: 404, when: 'not your attempt' },
    PEOPLE_ONLY,
    attemptClosed(),
  )
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
  @ApiOperation({
    summary: 'Submit an attempt',
    description:
      'Ends the attempt and queues its grading (202); sending it again answers the same attempt, so a retry is safe. ' +
      'Essays wait for manual grading. The learner of the attempt.',
  })
  @ApiProblems(400, { problem: 404, when: 'not your attempt' }, PEOPLE_ONLY)
  submit(@CurrentPerson() person: Person, @Param('id', UuidPipe) id: string): Promise<AttemptView> {
    return this.attempts.submit(person, id);
  }

  @Get('attempts/:id')
  @Can('classes.read')
  @ApiOkResponse({ type: AttemptView })
  @ApiOperation({
    summary: 'Get an attempt',
    description:
      'Status (`in_progress`, `submitted`, `graded`, `needs_manual_grading`), score, score out of 10, classification ' +
      `and answers. The learner of the attempt, and ${STAFF.toLowerCase()}`,
  })
  @ApiProblems(400, 404)
  attempt(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<AttemptView> {
    return this.attempts.get(principal, id);
  }

  @Post('attempts/:id/grades')
  @Idempotent()
  @HttpCode(200)
  @Can('exams.manage')
  @ApiOkResponse({ type: AttemptView })
  @ApiOperation({
    summary: 'Grade an answer by hand',
    description:
      "Gives points (up to the question's) and an optional comment to one answer, typically an essay, of a " +
      `submitted attempt, and rescores the attempt. ${STAFF}`,
  })
  @ApiProblems(
    { problem: 400, when: 'a question not in the attempt, or more points than the question has' },
    404,
    attemptNotGradable('in_progress'),
  )
  grade(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: GradeRequest,
  ): Promise<AttemptView> {
    return this.attempts.gradeManually(principal, id, body);
  }
}
