import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Page, PageOf } from '../../common/pagination';
import { ProblemDetails } from '../../common/problem';
import { Can } from '../auth/auth.decorators';
import { AuditService } from './audit.service';
import { AuditLogEntryView, ListAuditLogQuery } from './dto/list-audit-log.dto';

@ApiTags('admin')
@Controller('audit-log')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Can('audit.read')
  @ApiOkResponse({ type: PageOf(AuditLogEntryView) })
  @ApiBadRequestResponse({ type: ProblemDetails })
  async list(@Query() query: ListAuditLogQuery): Promise<Page<AuditLogEntryView>> {
    const page = await this.audit.list(query);
    return { items: page.items.map(AuditLogEntryView.from), nextCursor: page.nextCursor };
  }
}
