import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/api-problems';
import { Page, PageOf } from '../../common/pagination';
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
  @ApiOperation({
    summary: 'Read the audit log',
    description:
      'Append-only record of who changed what (roles, restructurings, grades, certificates…) in the order it happened, ' +
      'filtered by action, actor, target and time. System admins only.',
  })
  @ApiProblems(400)
  async list(@Query() query: ListAuditLogQuery): Promise<Page<AuditLogEntryView>> {
    const page = await this.audit.list(query);
    return { items: page.items.map(AuditLogEntryView.from), nextCursor: page.nextCursor };
  }
}
