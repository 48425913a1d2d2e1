import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req, StreamableFile } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Page, PageOf, PageQuery } from '../../common/pagination';
import { ProblemDetails } from '../../common/problem';
import { readUploadedFile } from '../../common/upload';
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

const FILE_BODY = { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } };

@ApiTags('curricula')
@Controller('courses')
@ApiNotFoundResponse({ type: ProblemDetails, description: 'Not found or not visible to you' })
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
  @ApiConflictResponse({ type: ProblemDetails, description: 'The unit already has this version of the programme' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateCourseRequest): Promise<CourseView> {
    return this.courses.create(principal, body);
  }

  @Post('import')
  @Idempotent()
  @Can('curricula.write')
  @ApiConsumes('multipart/form-data')
  @ApiBody(FILE_BODY)
  @ApiCreatedResponse({ type: CourseView, description: 'A new draft with the package’s lessons and questions' })
  @ApiUnprocessableEntityResponse({ type: ProblemDetails, description: 'errors: [{path, message, line?}]' })
  @ApiPayloadTooLargeResponse({ type: ProblemDetails, description: 'Too large, too many entries, or a zip bomb' })
  @ApiConflictResponse({ type: ProblemDetails, description: 'The unit already has this version of the programme' })
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
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListCoursesQuery): Promise<Page<CourseView>> {
    return this.courses.list(principal, query);
  }

  @Get(':id')
  @Can('curricula.read')
  @ApiOkResponse({ type: CourseView })
  get(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<CourseView> {
    return this.courses.get(principal, id);
  }

  @Patch(':id')
  @Can('curricula.write')
  @ApiOkResponse({ type: CourseView })
  @ApiConflictResponse({ type: ProblemDetails, description: 'Not a draft' })
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
  @ApiConflictResponse({ type: ProblemDetails, description: 'Not a draft, or no lessons' })
  publish(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<CourseView> {
    return this.courses.publish(principal, id);
  }

  @Post(':id/archive')
  @Idempotent()
  @HttpCode(200)
  @Can('curricula.write')
  @ApiOkResponse({ type: CourseView })
  @ApiConflictResponse({ type: ProblemDetails, description: 'Already archived' })
  archive(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<CourseView> {
    return this.courses.archive(principal, id);
  }

  @Post(':id/versions')
  @Idempotent()
  @Can('curricula.write')
  @ApiCreatedResponse({ type: CourseView, description: 'A new draft with the lessons, attachments and questions' })
  @ApiConflictResponse({ type: ProblemDetails, description: 'The version label is taken' })
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
  @ApiConflictResponse({ type: ProblemDetails, description: 'Not a draft' })
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
  listLessons(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Query() query: PageQuery,
  ): Promise<Page<LessonView>> {
    return this.lessons.list(principal, id, query);
  }
}
