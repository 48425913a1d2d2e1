import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
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
import { attachmentTypeUnsupported, NOT_DRAFT_COURSE } from './curricula.errors';
import type { FastifyRequest } from 'fastify';
import { UuidPipe } from '../../common/uuid.pipe';
import { Environment } from '../../config/environment';
import { Can, CurrentPrincipal, Principal } from '../auth/auth.decorators';
import { AttachmentsService } from './attachments/attachments.service';
import { AttachmentView, LessonView, UpdateLessonRequest } from './dto/lesson.dto';
import { LessonsService } from './lessons.service';
import { Idempotent } from '../../idempotency/idempotent.decorator';

@ApiTags('curricula')
@Controller('lessons')
export class LessonsController {
  constructor(
    private readonly lessons: LessonsService,
    private readonly attachments: AttachmentsService,
    private readonly env: Environment,
  ) {}

  @Get(':id')
  @Can('curricula.read')
  @ApiOkResponse({ type: LessonView })
  @ApiOperation({
    summary: 'Get a lesson',
    description:
      'The lesson with its Markdown content and attachments. Visible to whoever may read its course: authors, ' +
      'staff for published courses, learners of its classes.',
  })
  @ApiProblems(400, 404)
  get(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<LessonView> {
    return this.lessons.get(principal, id);
  }

  @Patch(':id')
  @Can('curricula.write')
  @ApiOkResponse({ type: LessonView })
  @ApiOperation({
    summary: 'Update a lesson of a draft course',
    description: 'Changes the fields sent; a new `position` reorders the lessons. Authors only, while a draft.',
  })
  @ApiProblems(400, 404, NOT_DRAFT_COURSE)
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: UpdateLessonRequest,
  ): Promise<LessonView> {
    return this.lessons.update(principal, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Lesson deleted' })
  @Can('curricula.write')
  @ApiOperation({
    summary: 'Delete a lesson of a draft course',
    description: 'Removes the lesson; later lessons move up. Authors only, while a draft.',
  })
  @ApiProblems(400, 404, NOT_DRAFT_COURSE)
  async remove(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<void> {
    await this.lessons.remove(principal, id);
  }

  @Post(':id/attachments')
  @Idempotent()
  @Can('curricula.write')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ type: AttachmentView })
  @ApiOperation({
    summary: 'Attach a file to a lesson',
    description:
      'Stores a PDF, DOCX, PPTX, MP4, JPEG or PNG (the type is judged by the bytes, not the name); lesson Markdown ' +
      'links to it by its `path`. Authors only, while the course is a draft.',
  })
  @ApiProblems(...UPLOAD_PROBLEMS('ATTACHMENT_MAX_BYTES'), 404, NOT_DRAFT_COURSE, {
    problem: attachmentTypeUnsupported(['pdf', 'docx', 'pptx', 'mp4', 'jpg', 'png']),
    when: 'the bytes are of another type',
  })
  async upload(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Req() request: FastifyRequest,
  ): Promise<AttachmentView> {
    const file = await readUploadedFile(request, this.env.ATTACHMENT_MAX_BYTES);
    return this.attachments.upload(principal, id, file.filename, file.content);
  }
}
