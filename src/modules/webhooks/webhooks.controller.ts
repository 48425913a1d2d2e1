import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/api-problems';
import { ownerUnitRequired, unsafeWebhookUrl, webhookNotFound } from './webhooks.errors';
import { Page, PageOf, PageQuery } from '../../common/pagination';
import { UuidPipe } from '../../common/uuid.pipe';
import { Idempotent } from '../../idempotency/idempotent.decorator';
import { Can, CurrentPrincipal, Principal } from '../auth/auth.decorators';
import { CreatedWebhook, CreateWebhookRequest, DeliveryAttemptView, WebhookView } from './dto/webhook.dto';
import { WebhooksService } from './webhooks.service';

const NOT_FOUND = { problem: webhookNotFound(), when: 'not found, or not yours to manage' };

@ApiTags('webhooks')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @Idempotent()
  @Can('webhooks.manage')
  @ApiCreatedResponse({ type: CreatedWebhook, description: 'The secret is in this answer only' })
  @ApiOperation({
    summary: 'Subscribe a URL to events',
    description:
      'Events (`enrollment.completed`, `enrollment.failed`, `attempt.graded`, `certificate.issued`, ' +
      "`certificate.revoked`, `class.closed`) of `orgUnitId`'s subtree are POSTed to `url`, signed per Standard " +
      'Webhooks (HMAC-SHA256) and retried with backoff. The secret is in this answer only. URLs reaching private ' +
      'addresses are refused. School admins.',
  })
  @ApiProblems(
    400,
    {
      problem: unsafeWebhookUrl('không được gửi tới địa chỉ mạng nội bộ'),
      when: 'the URL reaches a private or loopback address',
    },
    { problem: ownerUnitRequired(), when: '`orgUnitId` missing while you manage webhooks in several units' },
    { problem: 404, when: '`orgUnitId` is not in your scope' },
  )
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateWebhookRequest): Promise<CreatedWebhook> {
    return this.webhooks.create(principal, body);
  }

  @Get()
  @Can('webhooks.manage')
  @ApiOkResponse({ type: PageOf(WebhookView), description: 'Oldest first; deleted ones are left out' })
  @ApiOperation({
    summary: 'List webhooks',
    description: 'The webhooks of the units in your scope, oldest first, without secrets; deleted ones are left out.',
  })
  @ApiProblems(400)
  list(@CurrentPrincipal() principal: Principal, @Query() query: PageQuery): Promise<Page<WebhookView>> {
    return this.webhooks.list(principal, query);
  }

  @Delete(':id')
  @HttpCode(204)
  @Can('webhooks.manage')
  @ApiNoContentResponse({ description: 'Deleted: nothing more is sent; the deliveries log is kept' })
  @ApiOperation({
    summary: 'Delete a webhook',
    description: 'Nothing more is sent to it; its deliveries log is kept.',
  })
  @ApiProblems(400, NOT_FOUND)
  async remove(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<void> {
    await this.webhooks.remove(principal, id);
  }

  @Get(':id/deliveries')
  @Can('webhooks.manage')
  @ApiOkResponse({ type: PageOf(DeliveryAttemptView), description: 'Every attempt, newest first' })
  @ApiOperation({
    summary: 'List the delivery attempts of a webhook',
    description: 'Every attempt with its event, response status and error, newest first: to see why a receiver fails.',
  })
  @ApiProblems(400, NOT_FOUND)
  deliveries(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Query() query: PageQuery,
  ): Promise<Page<DeliveryAttemptView>> {
    return this.webhooks.deliveries(principal, id, query);
  }
}
