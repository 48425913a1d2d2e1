import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/api-problems';
import { outboxEventNotDead } from './outbox.errors';
import { Page, PageOf } from '../common/pagination';
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
  @ApiOperation({
    summary: 'List outbox events',
    description:
      'The side effects the business transactions wrote (one row per event and subscriber), oldest first, filtered ' +
      'by status, topic or subscriber: where a system admin finds dead deliveries.',
  })
  @ApiProblems(400)
  async list(@Query() query: ListOutboxEventsQuery): Promise<Page<OutboxEventView>> {
    const page = await this.outbox.list(query);
    return { items: page.items.map(OutboxEventView.from), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Can('outbox.read')
  @ApiOkResponse({ type: OutboxEventView })
  @ApiOperation({
    summary: 'Get an outbox event',
    description: 'One event with its payload, attempts and last error. System admins only.',
  })
  @ApiProblems(400, 404)
  async get(@Param('id', UuidPipe) id: string): Promise<OutboxEventView> {
    return OutboxEventView.from(await this.outbox.get(id));
  }

  @Post(':id/retry')
  @Idempotent()
  @HttpCode(200)
  @Can('outbox.retry')
  @ApiOkResponse({ type: OutboxEventView })
  @ApiOperation({
    summary: 'Send a dead outbox event again',
    description:
      'Puts a dead event back as pending with a new generation (a new job id) and a fresh set of attempts; the ' +
      'subscriber is idempotent, so a repeat has no second visible effect. System admins only.',
  })
  @ApiProblems(400, 404, outboxEventNotDead('delivered'))
  async retry(@Param('id', UuidPipe) id: string): Promise<OutboxEventView> {
    return OutboxEventView.from(await this.outbox.retry(id));
  }
}
