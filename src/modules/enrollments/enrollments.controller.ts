import { Body, Controller, Get, Header, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { ApiProblems } from '../../common/api-problems';
import { Can, CurrentPerson, CurrentPrincipal, PEOPLE_ONLY, Person, Principal } from '../auth/auth.decorators';
import { classClosed, classNotOpen } from '../classes/classes.errors';
import { UPLOAD_PROBLEMS, readUploadedFile } from '../../common/upload';
import {
  alreadyEnrolled,
  classFull,
  enrollmentClosed,
  enrollmentNotActive,
  enrollmentNotPending,
  enrollmentNotWithdrawable,
  lessonNotInCourse,
  personNotFound,
} from './enrollments.errors';
import type { FastifyRequest } from 'fastify';
import { Page, PageOf, PageQuery } from '../../common/pagination';
import { UuidPipe } from '../../common/uuid.pipe';
import { Environment } from '../../config/environment';
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

const CLOSED = { problem: classClosed(), when: 'the class is closed' };
const FULL = { problem: classFull(30), when: 'no seat left (capacity)' };
const ENROLLED = { problem: alreadyEnrolled('active'), when: 'already pending, active or completed in this class' };
const READERS = "The learner themself, and staff of the class (its unit's subtree, or its instructors).";

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
  @ApiOperation({
    summary: 'Enrol a person in a class',
    description:
      "Seats the person (`active`) whatever the class's policy, never over capacity. School admins of the class's " +
      'unit; the person must be in their scope.',
  })
  @ApiProblems(
    400,
    { problem: 404, when: 'the class is not visible to you' },
    { problem: personNotFound(), when: 'the person is not in your scope' },
    CLOSED,
    ENROLLED,
    FULL,
  )
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
  @ApiOperation({
    summary: 'Enrol people from a CSV or XLSX file',
    description:
      'Queues the file and answers at once with an import id; follow it at GET /imports/{id}. Rows create or match ' +
      'people and seat them; re-running the same file changes nothing. Same file formats as the people import. ' +
      "School admins of the class's unit.",
  })
  @ApiProblems(...UPLOAD_PROBLEMS('IMPORT_MAX_BYTES'), 404, CLOSED)
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
  @ApiProblems(400, 404)
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
  @ApiProblems(400, 404)
  async templateCsv(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<Buffer> {
    return templateCsv(await this.enrollmentImport.template(principal, id));
  }

  @Post('classes/:id/enroll')
  @Idempotent()
  @Can('classes.read')
  @ApiCreatedResponse({ type: EnrollmentView, description: '`active` (self policy) or `pending` (approval)' })
  @ApiOperation({
    summary: 'Enrol yourself in a class',
    description:
      'Under the `self` policy the seat is `active` at once; under `approval` it is `pending` until a school admin ' +
      'decides; a `closed` class takes no requests. Never over capacity. A learner who can see the class.',
  })
  @ApiProblems(400, 404, PEOPLE_ONLY, enrollmentClosed(), CLOSED, ENROLLED, FULL)
  enrollSelf(@CurrentPerson() person: Person, @Param('id', UuidPipe) id: string): Promise<EnrollmentView> {
    return this.enrollments.enrollSelf(person, id);
  }

  @Get('classes/:id/enrollments')
  @Can('enrollments.read')
  @ApiOkResponse({ type: PageOf(EnrollmentView) })
  @ApiOperation({
    summary: 'List the enrolments of a class',
    description: "The class's enrolments with the people, filtered by `status`. Staff of the class.",
  })
  @ApiProblems(400, 404)
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
  @ApiOperation({
    summary: 'Close a class',
    description:
      "Finalises every active enrolment as `completed` or `failed` by the course's completion rule, turns down " +
      "pending requests, and triggers certificates and notifications. Irreversible. School admins of the class's unit.",
  })
  @ApiProblems(400, 404, { problem: classNotOpen('planned'), when: 'the class is not open' })
  close(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<ClassClosed> {
    return this.enrollments.closeClass(principal, id);
  }

  @Get('me/enrollments')
  @Can('classes.read')
  @ApiOkResponse({ type: PageOf(MyEnrollmentView) })
  @ApiOperation({
    summary: 'List your enrolments',
    description:
      "Your enrolments with their class and course, the latest class first: a learner's home screen. Any person.",
  })
  @ApiProblems(400, PEOPLE_ONLY)
  mine(@CurrentPerson() person: Person, @Query() query: PageQuery): Promise<Page<MyEnrollmentView>> {
    return this.enrollments.mine(person, query);
  }

  @Get('enrollments/:id')
  @Can('classes.read')
  @ApiOkResponse({ type: EnrollmentView })
  @ApiOperation({ summary: 'Get an enrolment', description: READERS })
  @ApiProblems(400, 404)
  get(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<EnrollmentView> {
    return this.enrollments.get(principal, id);
  }

  @Patch('enrollments/:id')
  @Can('classes.read')
  @ApiOkResponse({ type: EnrollmentView })
  @ApiOperation({
    summary: 'Withdraw an enrolment',
    description:
      'Sets `{status: "withdrawn"}` on an active or pending enrolment; the seat is freed. The learner themself, or ' +
      "a school admin of the class's unit.",
  })
  @ApiProblems(400, 404, enrollmentNotWithdrawable('completed'))
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
  @ApiOperation({
    summary: 'Approve a pending enrolment',
    description: "The request becomes `active`, never over capacity. School admins of the class's unit.",
  })
  @ApiProblems(400, 404, enrollmentNotPending('active'), FULL)
  approve(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<EnrollmentView> {
    return this.enrollments.approve(principal, id);
  }

  @Post('enrollments/:id/reject')
  @Idempotent()
  @HttpCode(200)
  @Can('enrollments.write')
  @ApiOkResponse({ type: EnrollmentView })
  @ApiOperation({
    summary: 'Reject a pending enrolment',
    description: "The request becomes `rejected`. School admins of the class's unit.",
  })
  @ApiProblems(400, 404, enrollmentNotPending('active'))
  reject(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<EnrollmentView> {
    return this.enrollments.reject(principal, id);
  }

  @Post('enrollments/:id/lessons/:lessonId/complete')
  @Idempotent()
  @HttpCode(200)
  @Can('classes.read')
  @ApiOkResponse({ type: ProgressView })
  @ApiOperation({
    summary: 'Mark a lesson as completed',
    description:
      "Records your progress on a lesson of the class's course; again is the same record, so a retry is safe. " +
      'Answers the new progress. The enrolled learner, while the enrolment is active.',
  })
  @ApiProblems(
    400,
    { problem: 404, when: 'not your enrolment' },
    { problem: lessonNotInCourse(), when: "the lesson is not in the class's course" },
    PEOPLE_ONLY,
    enrollmentNotActive('completed'),
  )
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
  @ApiOperation({
    summary: 'Get the progress of an enrolment',
    description: `Lessons completed of the total, attendance rate, final score and classification, status. ${READERS}`,
  })
  @ApiProblems(400, 404)
  progress(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<ProgressView> {
    return this.enrollments.progressOf(principal, id);
  }
}
