import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Page, PageOf, PageQuery } from '../../common/pagination';
import { ProblemDetails } from '../../common/problem';
import { UuidPipe } from '../../common/uuid.pipe';
import { Can, CurrentPrincipal, Principal } from '../auth/auth.decorators';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyView, CreateApiKeyRequest, CreatedApiKey } from './dto/api-key.dto';

@ApiTags('api-keys')
@Controller('api-keys')
@ApiNotFoundResponse({ type: ProblemDetails, description: 'Not found or outside your scope' })
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @Can('api_keys.manage')
  @ApiCreatedResponse({ type: CreatedApiKey, description: 'The key is in this response only' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateApiKeyRequest): Promise<CreatedApiKey> {
    return this.keys.create(principal, body);
  }

  @Get()
  @Can('api_keys.manage')
  @ApiOkResponse({ type: PageOf(ApiKeyView) })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: PageQuery): Promise<Page<ApiKeyView>> {
    const page = await this.keys.list(principal, query);
    return { items: page.items.map(ApiKeyView.from), nextCursor: page.nextCursor };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked (again, if it already was)' })
  @Can('api_keys.manage')
  async revoke(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<void> {
    await this.keys.revoke(principal, id);
  }
}
