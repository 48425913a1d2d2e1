import { Body, Controller, Delete, Get, Header, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Page, PageOf } from '../../common/pagination';
import { ProblemDetails } from '../../common/problem';
import { readUploadedFile } from '../../common/upload';
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
  @ApiBadRequestResponse({
    type: ProblemDetails,
    description: 'No file, or a text file in another encoding (refused whole, nothing stored)',
  })
  @ApiForbiddenResponse({ type: ProblemDetails, description: 'Without users.write' })
  @ApiPayloadTooLargeResponse({ type: ProblemDetails, description: 'Larger than IMPORT_MAX_BYTES' })
  @ApiUnsupportedMediaTypeResponse({ type: ProblemDetails, description: 'Not multipart/form-data' })
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
  @ApiForbiddenResponse({ type: ProblemDetails, description: 'Without users.write' })
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
  @ApiForbiddenResponse({ type: ProblemDetails, description: 'Without users.write' })
  async templateCsv(@CurrentPrincipal() principal: Principal): Promise<Buffer> {
    return templateCsv(await this.userImport.template(principal));
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
