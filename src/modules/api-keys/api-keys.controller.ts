import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/api-problems';
import { Page, PageOf, PageQuery } from '../../common/pagination';
import { UuidPipe } from '../../common/uuid.pipe';
import { Can, CurrentPrincipal, Principal } from '../auth/auth.decorators';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyView, CreateApiKeyRequest, CreatedApiKey } from './dto/api-key.dto';

@ApiTags('api-keys')
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @Can('api_keys.manage')
  @ApiCreatedResponse({ type: CreatedApiKey, description: 'The key is in this response only' })
  @ApiOperation({
    summary: 'Create an API key',
    description:
      "A key for a machine client (e.g. a provincial school's statistics system), bound to `orgUnitId` (in your " +
      'scope) and its subtree, with read scopes. The secret is in this response only; store it, send it as `X-Api-Key`.',
  })
  @ApiProblems(400, { problem: 404, when: 'the unit is not in your scope' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateApiKeyRequest): Promise<CreatedApiKey> {
    return this.keys.create(principal, body);
  }

  @Get()
  @Can('api_keys.manage')
  @ApiOkResponse({ type: PageOf(ApiKeyView) })
  @ApiOperation({
    summary: 'List API keys in scope',
    description: 'The keys of the units in your scope, without their secrets; revoked keys show `revokedAt`.',
  })
  @ApiProblems(400)
  async list(@CurrentPrincipal() principal: Principal, @Query() query: PageQuery): Promise<Page<ApiKeyView>> {
    const page = await this.keys.list(principal, query);
    return { items: page.items.map(ApiKeyView.from), nextCursor: page.nextCursor };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked (again, if it already was)' })
  @Can('api_keys.manage')
  @ApiOperation({
    summary: 'Revoke an API key',
    description: 'The key stops working at once; revoking it again changes nothing. Keys are never deleted.',
  })
  @ApiProblems(400, 404)
  async revoke(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<void> {
    await this.keys.revoke(principal, id);
  }
}
