import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ProblemDetails } from '../../common/problem';
import { readUploadedFile } from '../../common/upload';
import { UuidPipe } from '../../common/uuid.pipe';
import { Environment } from '../../config/environment';
import { Can, CurrentPrincipal, Principal } from '../auth/auth.decorators';
import { AttachmentsService } from './attachments/attachments.service';
import { AttachmentView, LessonView, UpdateLessonRequest } from './dto/lesson.dto';
import { LessonsService } from './lessons.service';
import { Idempotent } from '../../idempotency/idempotent.decorator';

@ApiTags('curricula')
@Controller('lessons')
@ApiNotFoundResponse({ type: ProblemDetails, description: 'Not found or not visible to you' })
export class LessonsController {
  constructor(
    private readonly lessons: LessonsService,
    private readonly attachments: AttachmentsService,
    private readonly env: Environment,
  ) {}

  @Get(':id')
  @Can('curricula.read')
  @ApiOkResponse({ type: LessonView })
  get(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<LessonView> {
    return this.lessons.get(principal, id);
  }

  @Patch(':id')
  @Can('curricula.write')
  @ApiOkResponse({ type: LessonView })
  @ApiConflictResponse({ type: ProblemDetails, description: 'The course is not a draft' })
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
  @ApiConflictResponse({ type: ProblemDetails, description: 'The course is not a draft' })
  async remove(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<void> {
    await this.lessons.remove(principal, id);
  }

  @Post(':id/attachments')
  @Idempotent()
  @Can('curricula.write')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ type: AttachmentView })
  @ApiPayloadTooLargeResponse({ type: ProblemDetails, description: 'Past ATTACHMENT_MAX_BYTES' })
  @ApiUnsupportedMediaTypeResponse({ type: ProblemDetails, description: 'Not pdf, docx, pptx, mp4, jpg or png' })
  @ApiConflictResponse({ type: ProblemDetails, description: 'The course is not a draft' })
  async upload(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Req() request: FastifyRequest,
  ): Promise<AttachmentView> {
    const file = await readUploadedFile(request, this.env.ATTACHMENT_MAX_BYTES);
    return this.attachments.upload(principal, id, file.filename, file.content);
  }
}
