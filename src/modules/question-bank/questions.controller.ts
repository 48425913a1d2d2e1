import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Page, PageOf } from '../../common/pagination';
import { ProblemDetails } from '../../common/problem';
import { readUploadedFile } from '../../common/upload';
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
@ApiNotFoundResponse({ type: ProblemDetails, description: 'Not found or not visible to you' })
export class QuestionsController {
  constructor(
    private readonly bank: QuestionBankService,
    private readonly env: Environment,
  ) {}

  @Post('courses/:id/questions')
  @Idempotent()
  @Can('curricula.write')
  @ApiCreatedResponse({ type: QuestionView })
  @ApiConflictResponse({ type: ProblemDetails, description: 'The course is not a draft' })
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
  @ApiUnprocessableEntityResponse({
    type: ProblemDetails,
    description: 'Nothing imported; errors: [{line, path?, message}] for every problem found',
  })
  @ApiConflictResponse({ type: ProblemDetails, description: 'The course is not a draft' })
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
  get(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<QuestionView> {
    return this.bank.get(principal, id);
  }

  @Patch('questions/:id')
  @Can('curricula.write')
  @ApiOkResponse({ type: QuestionView })
  @ApiConflictResponse({
    type: ProblemDetails,
    description: 'Published course: only correct, acceptedAnswers and points may change; archived: nothing',
  })
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
  @ApiConflictResponse({ type: ProblemDetails, description: 'The course is not a draft' })
  async remove(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<void> {
    await this.bank.remove(principal, id);
  }
}
