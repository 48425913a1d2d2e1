import { Body, Controller, Delete, Get, Header, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { ApiProblems } from '../../common/api-problems';
import { UPLOAD_PROBLEMS, readUploadedFile } from '../../common/upload';
import { cannotGrantSystemAdmin, roleAlreadyHeld, usernameTaken } from './users.errors';
import { MERGED_UNIT } from '../org-units/org-units.errors';
import type { FastifyRequest } from 'fastify';
import { Page, PageOf } from '../../common/pagination';
import { UuidPipe } from '../../common/uuid.pipe';
import { Environment } from '../../config/environment';
import { ImportAccepted, ImportFileQuery } from '../imports/import.dto';
import { templateCsv, templateXlsx, XLSX_CONTENT_TYPE } from '../imports/template';
import { Can, CurrentPrincipal, Principal } from '../auth/auth.decorators';
import { CreateUserRequest, GrantRoleRequest, ListUsersQuery, UpdateUserRequest, UserView } from './dto/user.dto';
import { UserImportService } from './user-import.service';
import { UsersService } from './users.service';
import { Idempotent } from '../../idempotency/idempotent.decorator';

@ApiTags('users')
@Controller('users')
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
  @ApiOperation({
    summary: 'Create a person',
    description:
      'Creates a person at `orgUnitId` (in your scope, active), with party status and admission date checked ' +
      'against each other. Without `password` the account cannot log in yet. ' +
      'The new person holds no role yet: grant one with POST /users/{id}/roles.',
  })
  @ApiProblems(
    400,
    { problem: 404, when: 'the unit is not in your scope' },
    usernameTaken('hv.minhxuan.1'),
    MERGED_UNIT,
  )
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateUserRequest): Promise<UserView> {
    return this.users.create(principal, body);
  }

  @Post('import')
  @Idempotent()
  @HttpCode(202)
  @Can('users.write')
  @ApiOperation({
    summary: 'Import people from a CSV or XLSX file',
    description:
      'School admins (users.write): stores the file and returns at once; a job creates or matches the people, ' +
      'followed at GET /imports/{importId}. CSV in UTF-8 (with or without BOM), UTF-16 with BOM or ' +
      'Windows-1258, separated by `,` `;` or tab; or XLSX (the first sheet, or `sheet`). Headers in English ' +
      'or Vietnamese, dates ISO or dd/mm/yyyy, party status as code or Vietnamese label; see the template.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiAcceptedResponse({ type: ImportAccepted, description: 'Follow it at GET /imports/{importId}' })
  @ApiOperation({
    summary: 'Import people from a CSV or XLSX file',
    description:
      'Queues the file and answers at once with an import id; follow it at GET /imports/{id}. Rows create people ' +
      'or match existing ones by username, so re-running the same file changes nothing. UTF-8 (with or without BOM), ' +
      'UTF-16 or Windows-1258; `,`, `;` or tab; English or Vietnamese headers; dates ISO or dd/mm/yyyy. ' +
      'People without a password get activation codes: GET /imports/{id}/activation-codes.csv.',
  })
  @ApiProblems(...UPLOAD_PROBLEMS('IMPORT_MAX_BYTES'))
  async import(
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Query() query: ImportFileQuery,
  ): Promise<ImportAccepted> {
    const file = await readUploadedFile(request, this.env.IMPORT_MAX_BYTES);
    return { importId: await this.userImport.enqueue(principal, file, query.sheet) };
  }

  @Get('import/template.xlsx')
  @Can('users.write')
  @Header('content-type', XLSX_CONTENT_TYPE)
  @Header('content-disposition', 'attachment; filename="mau-nhap-nguoi-hoc.xlsx"')
  @ApiOperation({
    summary: 'The XLSX template of a people import',
    description:
      'School admins (users.write): Vietnamese headers, one example row, a sheet explaining each column and ' +
      'its allowed values, and a sheet of the unit codes in your scope.',
  })
  @ApiProduces(XLSX_CONTENT_TYPE)
  @ApiOkResponse({ description: 'The workbook' })
  async templateXlsx(@CurrentPrincipal() principal: Principal): Promise<Buffer> {
    return templateXlsx(await this.userImport.template(principal));
  }

  @Get('import/template.csv')
  @Can('users.write')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="mau-nhap-nguoi-hoc.csv"')
  @ApiOperation({
    summary: 'The CSV template of a people import',
    description:
      'School admins (users.write): CSV UTF-8 with a BOM, Vietnamese headers and one example row (with a unit ' +
      'code of your scope); the XLSX template also explains the columns.',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The CSV file' })
  async templateCsv(@CurrentPrincipal() principal: Principal): Promise<Buffer> {
    return templateCsv(await this.userImport.template(principal));
  }

  @Get()
  @Can('users.read')
  @ApiOkResponse({ type: PageOf(UserView) })
  @ApiOperation({
    summary: 'List people in scope',
    description:
      'People of your subtrees: `orgUnitId` narrows to a subtree, `q` searches name and username (accents ignored), ' +
      '`role` keeps those holding a role.',
  })
  @ApiProblems(400, { problem: 404, when: '`orgUnitId` is not in your scope' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListUsersQuery): Promise<Page<UserView>> {
    return this.users.list(principal, query);
  }

  @Get(':id')
  @Can('users.read')
  @ApiOkResponse({ type: UserView })
  @ApiOperation({ summary: 'Get a person', description: 'One person of your subtrees, with their roles.' })
  @ApiProblems(400, 404)
  get(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<UserView> {
    return this.users.get(principal, id);
  }

  @Patch(':id')
  @Can('users.write')
  @ApiOkResponse({ type: UserView })
  @ApiOperation({
    summary: 'Update a person',
    description:
      'Changes the fields sent (name, contact, date of birth, unit, party status and admission date); roles change ' +
      'only through the role operations. Moving the person to another unit needs that unit in your scope too.',
  })
  @ApiProblems(400, 404, MERGED_UNIT)
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
  @ApiOperation({
    summary: 'Grant a role at a unit',
    description:
      "Gives the person `role` at `orgUnitId`, which covers that unit's subtree. A school admin grants only inside " +
      'their own subtree, never above it; `system_admin` is held at no unit and granted by a system admin only.',
  })
  @ApiProblems(
    { problem: 400, when: '`orgUnitId` missing for a role other than `system_admin`' },
    { problem: 404, when: 'the person or the unit is outside your scope' },
    { problem: cannotGrantSystemAdmin(), when: 'granting `system_admin` without being one' },
    roleAlreadyHeld(),
    MERGED_UNIT,
  )
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
  @ApiOperation({
    summary: 'Remove a role',
    description:
      'Takes the role assignment away. A school admin removes only roles held inside their subtree; a global role ' +
      'only by a system admin.',
  })
  @ApiProblems(400, 404)
  async removeRole(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Param('roleId', UuidPipe) roleId: string,
  ): Promise<void> {
    await this.users.removeRole(principal, id, roleId);
  }
}
