import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Page, PageOf } from '../common/pagination';
import { ProblemDetails } from '../common/problem';
import { UuidPipe } from '../common/uuid.pipe';
import { Can } from '../modules/auth/auth.decorators';
import { ListOutboxEventsQuery, OutboxEventView } from './outbox.dto';
import { OutboxService } from './outbox.service';
import { Idempotent } from '../idempotency/idempotent.decorator';

/** Where a system admin sees dead side effects and sends them again. */
@ApiTags('admin')
@Controller('admin/outbox')
export class OutboxController {
  constructor(private readonly outbox: OutboxService) {}

  @Get()
  @Can('outbox.read')
  @ApiOkResponse({ type: PageOf(OutboxEventView) })
  async list(@Query() query: ListOutboxEventsQuery): Promise<Page<OutboxEventView>> {
    const page = await this.outbox.list(query);
    return { items: page.items.map(OutboxEventView.from), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Can('outbox.read')
  @ApiOkResponse({ type: OutboxEventView })
  @ApiNotFoundResponse({ type: ProblemDetails })
  async get(@Param('id', UuidPipe) id: string): Promise<OutboxEventView> {
    return OutboxEventView.from(await this.outbox.get(id));
  }

  @Post(':id/retry')
  @Idempotent()
  @HttpCode(200)
  @Can('outbox.retry')
  @ApiOkResponse({ type: OutboxEventView })
  @ApiNotFoundResponse({ type: ProblemDetails })
  @ApiConflictResponse({ type: ProblemDetails, description: 'The event is not dead' })
  async retry(@Param('id', UuidPipe) id: string): Promise<OutboxEventView> {
    return OutboxEventView.from(await this.outbox.retry(id));
  }
}
