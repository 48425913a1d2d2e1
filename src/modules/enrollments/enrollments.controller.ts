import { Body, Controller, Get, Header, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiProperty,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Page, PageOf, PageQuery } from '../../common/pagination';
import { ProblemDetails } from '../../common/problem';
import { readUploadedFile } from '../../common/upload';
import { UuidPipe } from '../../common/uuid.pipe';
import { Environment } from '../../config/environment';
import { Can, CurrentPerson, CurrentPrincipal, Person, Principal } from '../auth/auth.decorators';
import { ImportAccepted, ImportFileQuery } from '../imports/import.dto';
import { templateCsv, templateXlsx, XLSX_CONTENT_TYPE } from '../imports/template';
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
  @ApiOperation({
    summary: 'Enrol people into a class from a CSV or XLSX file',
    description:
      'Staff who may enrol into the class (enrollments.write): stores the file and returns at once; a job ' +
      'enrols the rows, creating unknown usernames at the class unit, followed at GET /imports/{importId}. ' +
      'The same file formats as POST /users/import, without the unit column; see the template.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiAcceptedResponse({ type: ImportAccepted, description: 'Follow it at GET /imports/{importId}' })
  @ApiBadRequestResponse({
    type: ProblemDetails,
    description: 'No file, or a text file in another encoding (refused whole, nothing stored)',
  })
  @ApiForbiddenResponse({ type: ProblemDetails, description: 'Without enrollments.write' })
  @ApiConflictResponse({ type: ProblemDetails, description: 'The class is closed' })
  @ApiPayloadTooLargeResponse({ type: ProblemDetails, description: 'Larger than IMPORT_MAX_BYTES' })
  @ApiUnsupportedMediaTypeResponse({ type: ProblemDetails, description: 'Not multipart/form-data' })
  async import(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Req() request: FastifyRequest,
    @Query() query: ImportFileQuery,
  ): Promise<ImportAccepted> {
    const file = await readUploadedFile(request, this.env.IMPORT_MAX_BYTES);
    return { importId: await this.enrollmentImport.enqueue(principal, id, file, query.sheet) };
  }

  @Get('classes/:id/enrollments/import/template.xlsx')
  @Can('enrollments.write')
  @Header('content-type', XLSX_CONTENT_TYPE)
  @Header('content-disposition', 'attachment; filename="mau-danh-sach-lop.xlsx"')
  @ApiOperation({
    summary: "The XLSX template of a class's enrolment import",
    description:
      'Staff who may enrol into the class (enrollments.write): Vietnamese headers, one example row and a ' +
      'sheet explaining each column, its allowed values and the unit new people join.',
  })
  @ApiProduces(XLSX_CONTENT_TYPE)
  @ApiOkResponse({ description: 'The workbook' })
  @ApiForbiddenResponse({ type: ProblemDetails, description: 'Without enrollments.write' })
  async templateXlsx(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<Buffer> {
    return templateXlsx(await this.enrollmentImport.template(principal, id));
  }

  @Get('classes/:id/enrollments/import/template.csv')
  @Can('enrollments.write')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="mau-danh-sach-lop.csv"')
  @ApiOperation({
    summary: "The CSV template of a class's enrolment import",
    description:
      'Staff who may enrol into the class (enrollments.write): CSV UTF-8 with a BOM, Vietnamese headers and ' +
      'one example row; the XLSX template also explains the columns.',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The CSV file' })
  @ApiForbiddenResponse({ type: ProblemDetails, description: 'Without enrollments.write' })
  async templateCsv(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<Buffer> {
    return templateCsv(await this.enrollmentImport.template(principal, id));
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
