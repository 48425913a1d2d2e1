import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiProblems } from '../../common/api-problems';
import { UPLOAD_PROBLEMS, readUploadedFile } from '../../common/upload';
import { NOT_DRAFT_COURSE } from '../curricula/curricula.errors';
import { bankRefused } from './question-bank.errors';
import type { FastifyRequest } from 'fastify';
import { Page, PageOf } from '../../common/pagination';
import { UuidPipe } from '../../common/uuid.pipe';
import { Environment } from '../../config/environment';
import { Can, CurrentPrincipal, Principal } from '../auth/auth.decorators';
import {
  CreateQuestionRequest,
  ImportedQuestions,
  ImportQuestionsQuery,
  ListQuestionsQuery,
  QuestionView,
  UpdateQuestionRequest,
} from './dto/question.dto';
import { QuestionBankService } from './question-bank.service';
import { Idempotent } from '../../idempotency/idempotent.decorator';

@ApiTags('question bank')
@Controller()
export class QuestionsController {
  constructor(
    private readonly bank: QuestionBankService,
    private readonly env: Environment,
  ) {}

  @Post('courses/:id/questions')
  @Idempotent()
  @Can('curricula.write')
  @ApiCreatedResponse({ type: QuestionView })
  @ApiOperation({
    summary: 'Add a question to a draft course',
    description:
      'A question of type `single_choice`, `multiple_choice`, `true_false`, `short_answer` or `essay`, with options, ' +
      'the key (`correct` or `acceptedAnswers`), points, and optionally a lesson and tags that exams draw by. ' +
      'Authors only, while the course is a draft.',
  })
  @ApiProblems(
    { problem: 400, when: 'invalid fields, a key that does not fit the type, or a lesson of another course' },
    404,
    NOT_DRAFT_COURSE,
  )
  create(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) courseId: string,
    @Body() body: CreateQuestionRequest,
  ): Promise<QuestionView> {
    return this.bank.create(principal, courseId, body);
  }

  @Post('courses/:id/questions/import')
  @Idempotent()
  @Can('curricula.write')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ type: ImportedQuestions })
  @ApiOperation({
    summary: 'Import questions (JSON, CSV, GIFT or Aiken)',
    description:
      'Reads the file in `format` and adds all its questions, or none: every problem is reported with its line. ' +
      'Authors only, while the course is a draft.',
  })
  @ApiProblems(...UPLOAD_PROBLEMS('IMPORT_MAX_BYTES'), 404, NOT_DRAFT_COURSE, {
    problem: bankRefused([{ line: 7, path: 'correct', message: 'phải là khóa của một phương án' }]),
    when: 'the file has problems: `errors` gives each with its line; nothing was imported',
  })
  async import(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) courseId: string,
    @Query() query: ImportQuestionsQuery,
    @Req() request: FastifyRequest,
  ): Promise<ImportedQuestions> {
    const file = await readUploadedFile(request, this.env.IMPORT_MAX_BYTES);
    return this.bank.import(principal, courseId, query.format, file.content);
  }

  @Get('courses/:id/questions')
  @Can('curricula.write')
  @ApiOkResponse({ type: PageOf(QuestionView) })
  @ApiOperation({
    summary: 'List the questions of a course',
    description:
      "The bank with its answer keys, filtered by type, lesson or tag. For the course's authors, and for " +
      'instructors and school admins once it is published (every unit may run its exams). Never for learners.',
  })
  @ApiProblems(400, 404)
  list(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) courseId: string,
    @Query() query: ListQuestionsQuery,
  ): Promise<Page<QuestionView>> {
    return this.bank.list(principal, courseId, query);
  }

  @Get('questions/:id')
  @Can('curricula.write')
  @ApiOkResponse({ type: QuestionView })
  @ApiOperation({
    summary: 'Get a question',
    description: 'One question with its key; visible to the same callers as the list.',
  })
  @ApiProblems(400, 404)
  get(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<QuestionView> {
    return this.bank.get(principal, id);
  }

  @Patch('questions/:id')
  @Can('curricula.write')
  @ApiOkResponse({ type: QuestionView })
  @ApiOperation({
    summary: 'Update a question',
    description:
      'Changes the fields sent. In a published course only the key (`correct`, `acceptedAnswers`) and `points` may ' +
      'change, which regrades the attempts that used it; an archived course changes nothing. Authors only.',
  })
  @ApiProblems(400, 404, { ...NOT_DRAFT_COURSE, when: 'archived, or published and more than the key or points sent' })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: UpdateQuestionRequest,
  ): Promise<QuestionView> {
    return this.bank.update(principal, id, body);
  }

  @Delete('questions/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Question deleted' })
  @Can('curricula.write')
  @ApiOperation({
    summary: 'Delete a question',
    description: 'Removes the question from the bank. Authors only, while the course is a draft.',
  })
  @ApiProblems(400, 404, NOT_DRAFT_COURSE)
  async remove(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<void> {
    await this.bank.remove(principal, id);
  }
}
