import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Page, PageOf, PageQuery } from '../../common/pagination';
import { ProblemDetails } from '../../common/problem';
import { UuidPipe } from '../../common/uuid.pipe';
import { Idempotent } from '../../idempotency/idempotent.decorator';
import { Can, CurrentPrincipal, Principal } from '../auth/auth.decorators';
import { CreatedWebhook, CreateWebhookRequest, DeliveryAttemptView, WebhookView } from './dto/webhook.dto';
import { WebhooksService } from './webhooks.service';

@ApiTags('webhooks')
@Controller('webhooks')
@ApiNotFoundResponse({ type: ProblemDetails, description: 'Not found or not yours to manage' })
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @Idempotent()
  @Can('webhooks.manage')
  @ApiCreatedResponse({ type: CreatedWebhook, description: 'The secret is in this answer only' })
  @ApiBadRequestResponse({ type: ProblemDetails, description: 'Invalid, or the URL reaches a private address' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateWebhookRequest): Promise<CreatedWebhook> {
    return this.webhooks.create(principal, body);
  }

  @Get()
  @Can('webhooks.manage')
  @ApiOkResponse({ type: PageOf(WebhookView), description: 'Oldest first; deleted ones are left out' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: PageQuery): Promise<Page<WebhookView>> {
    return this.webhooks.list(principal, query);
  }

  @Delete(':id')
  @HttpCode(204)
  @Can('webhooks.manage')
  @ApiNoContentResponse({ description: 'Deleted: nothing more is sent; the deliveries log is kept' })
  async remove(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<void> {
    await this.webhooks.remove(principal, id);
  }

  @Get(':id/deliveries')
  @Can('webhooks.manage')
  @ApiOkResponse({ type: PageOf(DeliveryAttemptView), description: 'Every attempt, newest first' })
  deliveries(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Query() query: PageQuery,
  ): Promise<Page<DeliveryAttemptView>> {
    return this.webhooks.deliveries(principal, id, query);
  }
}
