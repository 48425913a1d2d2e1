import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req, StreamableFile } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { ApiProblems } from '../../common/api-problems';
import { UPLOAD_PROBLEMS, readUploadedFile } from '../../common/upload';
import {
  courseArchived,
  courseHasNoLessons,
  NOT_DRAFT_COURSE,
  coursePackageInvalid,
  coursePackageTooLarge,
  courseVersionExists,
  curriculaWriteForbidden,
} from './curricula.errors';
import { MERGED_UNIT } from '../org-units/org-units.errors';
import type { FastifyRequest } from 'fastify';
import { Page, PageOf, PageQuery } from '../../common/pagination';
import { UuidPipe } from '../../common/uuid.pipe';
import { Environment } from '../../config/environment';
import { Can, CurrentPrincipal, Principal } from '../auth/auth.decorators';
import { CoursesService } from './courses.service';
import {
  CourseView,
  CreateCourseRequest,
  ImportPackageQuery,
  ListCoursesQuery,
  NewVersionRequest,
  UpdateCourseRequest,
} from './dto/course.dto';
import { CreateLessonRequest, LessonView } from './dto/lesson.dto';
import { LessonsService } from './lessons.service';
import { PackageService } from './package/package.service';
import { Idempotent } from '../../idempotency/idempotent.decorator';

const VERSION_TAKEN = {
  problem: courseVersionExists('2022'),
  when: 'the unit already has this version of the programme',
};
const NO_AUTHORING = { problem: curriculaWriteForbidden(), when: 'you author curricula in no unit' };
const READERS =
  "Authors see their units' drafts; staff see every published or archived course; learners the courses of their classes.";

const FILE_BODY = { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } };

@ApiTags('curricula')
@Controller('courses')
export class CoursesController {
  constructor(
    private readonly courses: CoursesService,
    private readonly lessons: LessonsService,
    private readonly packages: PackageService,
    private readonly env: Environment,
  ) {}

  @Post()
  @Idempotent()
  @Can('curricula.write')
  @ApiCreatedResponse({ type: CourseView })
  @ApiOperation({
    summary: 'Create a course (a draft)',
    description:
      "A course is one version of a programme's curriculum, owned by `orgUnitId` (or your only authoring unit). " +
      'It starts as a `draft` with its completion rule and grading scale (defaults apply); add lessons, then publish.',
  })
  @ApiProblems(
    { problem: 400, when: 'invalid fields or rules, or `orgUnitId` missing while you author in several units' },
    { problem: 404, when: 'the programme or unit is not visible to you' },
    NO_AUTHORING,
    VERSION_TAKEN,
    MERGED_UNIT,
  )
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateCourseRequest): Promise<CourseView> {
    return this.courses.create(principal, body);
  }

  @Post('import')
  @Idempotent()
  @Can('curricula.write')
  @ApiConsumes('multipart/form-data')
  @ApiBody(FILE_BODY)
  @ApiCreatedResponse({ type: CourseView, description: 'A new draft with the package’s lessons and questions' })
  @ApiOperation({
    summary: 'Import a course package (zip)',
    description:
      'Creates a new draft from a package: `course.json` or `course.yaml` (programme code, title, version, rules, ' +
      'ordered lessons), `lessons/*.md`, `attachments/…` and optional `questions.json` (see the package format in ' +
      'the repository). All or nothing: an invalid package creates nothing and lists every problem with its path.',
  })
  @ApiProblems(
    ...UPLOAD_PROBLEMS('PACKAGE_MAX_BYTES'),
    { problem: 404, when: '`orgUnitId` is not in your scope' },
    NO_AUTHORING,
    {
      problem: coursePackageTooLarge([
        { path: 'attachments/video.mp4', message: 'vượt giới hạn dung lượng khi giải nén' },
      ]),
      when: 'too many entries or too large unpacked (zip bomb)',
    },
    VERSION_TAKEN,
    MERGED_UNIT,
    {
      problem: coursePackageInvalid([{ path: 'lessons[2].periods', message: 'phải là số nguyên' }]),
      when: 'the package is invalid: `errors` lists each problem with its path',
    },
  )
  async import(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ImportPackageQuery,
    @Req() request: FastifyRequest,
  ): Promise<CourseView> {
    const file = await readUploadedFile(request, this.env.PACKAGE_MAX_BYTES);
    return this.packages.import(principal, file.content, query.orgUnitId);
  }

  @Get()
  @Can('curricula.read')
  @ApiOkResponse({ type: PageOf(CourseView) })
  @ApiOperation({
    summary: 'List courses',
    description: `The courses visible to you, filtered by programme and status, in the order they were created. ${READERS}`,
  })
  @ApiProblems(400)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListCoursesQuery): Promise<Page<CourseView>> {
    return this.courses.list(principal, query);
  }

  @Get(':id')
  @Can('curricula.read')
  @ApiOkResponse({ type: CourseView })
  @ApiOperation({
    summary: 'Get a course with its lessons',
    description: `One course with its rules and ordered lessons. ${READERS}`,
  })
  @ApiProblems(400, 404)
  get(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<CourseView> {
    return this.courses.get(principal, id);
  }

  @Patch(':id')
  @Can('curricula.write')
  @ApiOkResponse({ type: CourseView })
  @ApiOperation({
    summary: 'Update a draft course',
    description:
      'Changes the title, version, description, completion rule or grading scale of a draft in your authoring ' +
      'scope. Published and archived courses do not change: make a new version.',
  })
  @ApiProblems(400, 404, NOT_DRAFT_COURSE, VERSION_TAKEN)
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: UpdateCourseRequest,
  ): Promise<CourseView> {
    return this.courses.update(principal, id, body);
  }

  @Post(':id/publish')
  @Idempotent()
  @HttpCode(200)
  @Can('curricula.write')
  @ApiOkResponse({ type: CourseView })
  @ApiOperation({
    summary: 'Publish a course',
    description:
      'Freezes a draft with at least one lesson: classes can then be opened on it, in any unit. Authors only.',
  })
  @ApiProblems(400, 404, NOT_DRAFT_COURSE, { problem: courseHasNoLessons(), when: 'the course has no lessons' })
  publish(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<CourseView> {
    return this.courses.publish(principal, id);
  }

  @Post(':id/archive')
  @Idempotent()
  @HttpCode(200)
  @Can('curricula.write')
  @ApiOkResponse({ type: CourseView })
  @ApiOperation({
    summary: 'Archive a course',
    description:
      'Retires the course: no new classes are opened on it; running classes and certificates keep it. Authors only.',
  })
  @ApiProblems(400, 404, courseArchived())
  archive(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<CourseView> {
    return this.courses.archive(principal, id);
  }

  @Post(':id/versions')
  @Idempotent()
  @Can('curricula.write')
  @ApiCreatedResponse({ type: CourseView, description: 'A new draft with the lessons, attachments and questions' })
  @ApiOperation({
    summary: 'Start a new version of a course',
    description:
      'Copies a course you can read into a new draft with its lessons, attachments and questions, owned by the ' +
      "course's unit if you author there, else by your own: a locality can adapt a national version.",
  })
  @ApiProblems(400, 404, NO_AUTHORING, VERSION_TAKEN, MERGED_UNIT)
  newVersion(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: NewVersionRequest,
  ): Promise<CourseView> {
    return this.courses.newVersion(principal, id, body);
  }

  @Get(':id/export')
  @Can('curricula.write')
  @ApiProduces('application/zip')
  @ApiOkResponse({ description: 'The course package (zip)', schema: { type: 'string', format: 'binary' } })
  @ApiOperation({
    summary: 'Export a course package (zip)',
    description:
      'The course in the package format the import reads, answer keys included: import(export(c)) gives the same ' +
      'course. For authors, and for instructors and school admins once the course is published.',
  })
  @ApiProblems(400, 404)
  async export(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<StreamableFile> {
    const { filename, content } = await this.packages.export(principal, id);
    return new StreamableFile(content, {
      type: 'application/zip',
      disposition: `attachment; filename="${filename}"`,
      length: content.length,
    });
  }

  @Post(':id/lessons')
  @Idempotent()
  @Can('curricula.write')
  @ApiCreatedResponse({ type: LessonView })
  @ApiOperation({
    summary: 'Add a lesson to a draft course',
    description:
      'Inserts a lesson (Markdown content, periods, objectives, mandatory or not) at `position`; later lessons move ' +
      'down. Authors only, while the course is a draft.',
  })
  @ApiProblems(400, 404, NOT_DRAFT_COURSE)
  createLesson(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: CreateLessonRequest,
  ): Promise<LessonView> {
    return this.lessons.create(principal, id, body);
  }

  @Get(':id/lessons')
  @Can('curricula.read')
  @ApiOkResponse({ type: PageOf(LessonView) })
  @ApiOperation({ summary: 'List the lessons of a course', description: `In order. ${READERS}` })
  @ApiProblems(400, 404)
  listLessons(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Query() query: PageQuery,
  ): Promise<Page<LessonView>> {
    return this.lessons.list(principal, id, query);
  }
}
