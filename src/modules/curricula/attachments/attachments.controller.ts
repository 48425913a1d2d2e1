import { Controller, Delete, Get, HttpCode, Param, StreamableFile } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../../common/api-problems';
import { attachmentFileMissing, NOT_DRAFT_COURSE } from '../curricula.errors';
import { basename } from 'node:path';
import { UuidPipe } from '../../../common/uuid.pipe';
import { Can, CurrentPrincipal, Principal } from '../../auth/auth.decorators';
import { AttachmentsService } from './attachments.service';

@ApiTags('curricula')
@Controller('attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Get(':id')
  @Can('curricula.read')
  @ApiOkResponse({
    description: 'The bytes, with the content type decided at upload',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiOperation({
    summary: 'Download an attachment',
    description:
      'The stored bytes with the content type found at upload. For whoever may read the course: its authors and ' +
      'staff, and the learners of its classes.',
  })
  @ApiProblems(
    400,
    { problem: 404, when: 'not found, or you neither teach nor attend this course' },
    { problem: attachmentFileMissing(), when: 'the storage lost the file' },
  )
  async download(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<StreamableFile> {
    const { attachment, stream } = await this.attachments.download(principal, id);
    return new StreamableFile(stream, {
      type: attachment.contentType,
      length: attachment.sizeBytes,
      disposition: `inline; filename="${basename(attachment.path)}"`,
    });
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Attachment deleted' })
  @Can('curricula.write')
  @ApiOperation({
    summary: 'Delete an attachment',
    description: 'Removes the attachment from its lesson. Authors only, while the course is a draft.',
  })
  @ApiProblems(400, 404, NOT_DRAFT_COURSE)
  async remove(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<void> {
    await this.attachments.remove(principal, id);
  }
}
