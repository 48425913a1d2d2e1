import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Page, PageOf, PageQuery } from '../../common/pagination';
import { ProblemDetails } from '../../common/problem';
import { readUploadedFile } from '../../common/upload';
import { UuidPipe } from '../../common/uuid.pipe';
import { Environment } from '../../config/environment';
import { Can, CurrentPerson, CurrentPrincipal, Person, Principal } from '../auth/auth.decorators';
import { ImportAccepted } from '../imports/import.dto';
import {
  EnrollmentView,
  EnrollUserRequest,
  ListEnrollmentsQuery,
  MyEnrollmentView,
  ProgressView,
  UpdateEnrollmentRequest,
} from './dto/enrollment.dto';
import { EnrollmentImportService } from './enrollment-import.service';
import { EnrollmentsService } from './enrollments.service';
import { Idempotent } from '../../idempotency/idempotent.decorator';

class ClassClosed {
  @ApiProperty({ description: 'Active enrolments that met the completion rule' })
  completed: number;

  @ApiProperty({ description: 'Active enrolments that did not' })
  failed: number;

  @ApiProperty({ description: 'Pending requests turned down by the closing' })
  rejected: number;
}

@ApiTags('enrollments')
@Controller()
@ApiNotFoundResponse({ type: ProblemDetails, description: 'Not found or not visible to you' })
export class EnrollmentsController {
  constructor(
    private readonly enrollments: EnrollmentsService,
    private readonly enrollmentImport: EnrollmentImportService,
    private readonly env: Environment,
  ) {}

  @Post('classes/:id/enrollments')
  @Idempotent()
  @Can('enrollments.write')
  @ApiCreatedResponse({ type: EnrollmentView })
  @ApiConflictResponse({ type: ProblemDetails, description: 'Full, closed, or already enrolled' })
  enroll(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: EnrollUserRequest,
  ): Promise<EnrollmentView> {
    return this.enrollments.enrollByAdmin(principal, id, body.userId);
  }

  @Post('classes/:id/enrollments/import')
  @Idempotent()
  @HttpCode(202)
  @Can('enrollments.write')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiAcceptedResponse({ type: ImportAccepted, description: 'Follow it at GET /imports/{importId}' })
  @ApiConflictResponse({ type: ProblemDetails, description: 'The class is closed' })
  async import(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Req() request: FastifyRequest,
  ): Promise<ImportAccepted> {
    const file = await readUploadedFile(request, this.env.IMPORT_MAX_BYTES);
    return { importId: await this.enrollmentImport.enqueue(principal, id, file) };
  }

  @Post('classes/:id/enroll')
  @Idempotent()
  @Can('classes.read')
  @ApiCreatedResponse({ type: EnrollmentView, description: '`active` (self policy) or `pending` (approval)' })
  @ApiConflictResponse({ type: ProblemDetails, description: 'Full, not taking enrolments, or already enrolled' })
  enrollSelf(@CurrentPerson() person: Person, @Param('id', UuidPipe) id: string): Promise<EnrollmentView> {
    return this.enrollments.enrollSelf(person, id);
  }

  @Get('classes/:id/enrollments')
  @Can('enrollments.read')
  @ApiOkResponse({ type: PageOf(EnrollmentView) })
  list(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Query() query: ListEnrollmentsQuery,
  ): Promise<Page<EnrollmentView>> {
    return this.enrollments.list(principal, id, query);
  }

  @Post('classes/:id/close')
  @Idempotent()
  @HttpCode(200)
  @Can('classes.write')
  @ApiOkResponse({ type: ClassClosed })
  @ApiConflictResponse({ type: ProblemDetails, description: 'The class is not open' })
  close(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<ClassClosed> {
    return this.enrollments.closeClass(principal, id);
  }

  @Get('me/enrollments')
  @Can('classes.read')
  @ApiOkResponse({ type: PageOf(MyEnrollmentView) })
  mine(@CurrentPerson() person: Person, @Query() query: PageQuery): Promise<Page<MyEnrollmentView>> {
    return this.enrollments.mine(person, query);
  }

  @Get('enrollments/:id')
  @Can('classes.read')
  @ApiOkResponse({ type: EnrollmentView })
  get(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<EnrollmentView> {
    return this.enrollments.get(principal, id);
  }

  @Patch('enrollments/:id')
  @Can('classes.read')
  @ApiOkResponse({ type: EnrollmentView })
  @ApiConflictResponse({ type: ProblemDetails, description: 'Not active or pending' })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: UpdateEnrollmentRequest,
  ): Promise<EnrollmentView> {
    return this.enrollments.update(principal, id, body);
  }

  @Post('enrollments/:id/approve')
  @Idempotent()
  @HttpCode(200)
  @Can('enrollments.write')
  @ApiOkResponse({ type: EnrollmentView })
  @ApiConflictResponse({ type: ProblemDetails, description: 'Not pending, or the class is full' })
  approve(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<EnrollmentView> {
    return this.enrollments.approve(principal, id);
  }

  @Post('enrollments/:id/reject')
  @Idempotent()
  @HttpCode(200)
  @Can('enrollments.write')
  @ApiOkResponse({ type: EnrollmentView })
  @ApiConflictResponse({ type: ProblemDetails, description: 'Not pending' })
  reject(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<EnrollmentView> {
    return this.enrollments.reject(principal, id);
  }

  @Post('enrollments/:id/lessons/:lessonId/complete')
  @Idempotent()
  @HttpCode(200)
  @Can('classes.read')
  @ApiOkResponse({ type: ProgressView })
  @ApiConflictResponse({ type: ProblemDetails, description: 'The enrolment is not active' })
  completeLesson(
    @CurrentPerson() person: Person,
    @Param('id', UuidPipe) id: string,
    @Param('lessonId', UuidPipe) lessonId: string,
  ): Promise<ProgressView> {
    return this.enrollments.completeLesson(person, id, lessonId);
  }

  @Get('enrollments/:id/progress')
  @Can('classes.read')
  @ApiOkResponse({ type: ProgressView })
  progress(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<ProgressView> {
    return this.enrollments.progressOf(principal, id);
  }
}
