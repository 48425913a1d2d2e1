import { Controller, Delete, Get, HttpCode, Param, StreamableFile } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { basename } from 'node:path';
import { ProblemDetails } from '../../../common/problem';
import { UuidPipe } from '../../../common/uuid.pipe';
import { Can, CurrentPrincipal, Principal } from '../../auth/auth.decorators';
import { AttachmentsService } from './attachments.service';

@ApiTags('curricula')
@Controller('attachments')
@ApiNotFoundResponse({ type: ProblemDetails, description: 'Not found, or you neither teach nor attend this course' })
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Get(':id')
  @Can('curricula.read')
  @ApiOkResponse({
    description: 'The bytes, with the content type decided at upload',
    schema: { type: 'string', format: 'binary' },
  })
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
  @ApiConflictResponse({ type: ProblemDetails, description: 'The course is not a draft' })
  async remove(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<void> {
    await this.attachments.remove(principal, id);
  }
}
