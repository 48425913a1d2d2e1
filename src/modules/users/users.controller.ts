import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Page, PageOf } from '../../common/pagination';
import { ProblemDetails } from '../../common/problem';
import { readUploadedFile } from '../../common/upload';
import { UuidPipe } from '../../common/uuid.pipe';
import { Environment } from '../../config/environment';
import { ImportAccepted } from '../imports/import.dto';
import { Can, CurrentPrincipal, Principal } from '../auth/auth.decorators';
import { CreateUserRequest, GrantRoleRequest, ListUsersQuery, UpdateUserRequest, UserView } from './dto/user.dto';
import { UserImportService } from './user-import.service';
import { UsersService } from './users.service';
import { Idempotent } from '../../idempotency/idempotent.decorator';

@ApiTags('users')
@Controller('users')
@ApiNotFoundResponse({ type: ProblemDetails, description: 'Not found or outside your scope' })
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly userImport: UserImportService,
    private readonly env: Environment,
  ) {}

  @Post()
  @Idempotent()
  @Can('users.write')
  @ApiCreatedResponse({ type: UserView })
  @ApiConflictResponse({ type: ProblemDetails, description: 'Username taken, or the unit was merged' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateUserRequest): Promise<UserView> {
    return this.users.create(principal, body);
  }

  @Post('import')
  @Idempotent()
  @HttpCode(202)
  @Can('users.write')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiAcceptedResponse({ type: ImportAccepted, description: 'Follow it at GET /imports/{importId}' })
  async import(@CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest): Promise<ImportAccepted> {
    const file = await readUploadedFile(request, this.env.IMPORT_MAX_BYTES);
    return { importId: await this.userImport.enqueue(principal, file) };
  }

  @Get()
  @Can('users.read')
  @ApiOkResponse({ type: PageOf(UserView) })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListUsersQuery): Promise<Page<UserView>> {
    return this.users.list(principal, query);
  }

  @Get(':id')
  @Can('users.read')
  @ApiOkResponse({ type: UserView })
  get(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<UserView> {
    return this.users.get(principal, id);
  }

  @Patch(':id')
  @Can('users.write')
  @ApiOkResponse({ type: UserView })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: UpdateUserRequest,
  ): Promise<UserView> {
    return this.users.update(principal, id, body);
  }

  @Post(':id/roles')
  @Idempotent()
  @Can('roles.grant')
  @ApiCreatedResponse({ type: UserView })
  @ApiConflictResponse({ type: ProblemDetails, description: 'The role is already held there' })
  grantRole(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: GrantRoleRequest,
  ): Promise<UserView> {
    return this.users.grantRole(principal, id, body);
  }

  @Delete(':id/roles/:roleId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Role removed' })
  @Can('roles.grant')
  async removeRole(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Param('roleId', UuidPipe) roleId: string,
  ): Promise<void> {
    await this.users.removeRole(principal, id, roleId);
  }
}
