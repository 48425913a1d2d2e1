import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import * as yazl from 'yazl';
import { Page, PageOf, PageQuery } from '../../common/pagination';
import { ProblemDetails } from '../../common/problem';
import { UuidPipe } from '../../common/uuid.pipe';
import { Idempotent, IdempotentPut } from '../../idempotency/idempotent.decorator';
import { Can, CurrentPerson, CurrentPrincipal, Person, Principal } from '../auth/auth.decorators';
import { CertificatesService } from './certificates.service';
import { fileName } from './issuance';
import {
  CertificateSettingsRequest,
  CertificateSettingsView,
  CertificateView,
  ReasonRequest,
} from './dto/certificate.dto';

@ApiTags('certificates')
@Controller()
@ApiNotFoundResponse({ type: ProblemDetails, description: 'Not found or not visible to you' })
export class CertificatesController {
  constructor(private readonly certificates: CertificatesService) {}

  @Get('me/certificates')
  @Can('classes.read')
  @ApiOkResponse({ type: PageOf(CertificateView) })
  mine(@CurrentPerson() person: Person, @Query() query: PageQuery): Promise<Page<CertificateView>> {
    return this.certificates.mine(person, query);
  }

  @Get('certificates/:id')
  @Can('classes.read')
  @ApiOkResponse({ type: CertificateView })
  get(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<CertificateView> {
    return this.certificates.get(principal, id);
  }

  @Get('certificates/:id/pdf')
  @Can('classes.read')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The stored PDF', schema: { type: 'string', format: 'binary' } })
  @ApiConflictResponse({ type: ProblemDetails, description: 'Pending, or the PDF is still being made' })
  async pdf(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<StreamableFile> {
    const { serial, file } = await this.certificates.pdf(principal, id);
    return new StreamableFile(file, {
      type: 'application/pdf',
      disposition: `inline; filename="${fileName(serial)}.pdf"`,
    });
  }

  @Get('certificates/:id/credential')
  @Can('classes.read')
  @ApiProduces('application/jwt')
  @ApiOkResponse({
    description: 'Open Badges 3.0 OpenBadgeCredential as a VC-JWT (EdDSA); keys at /.well-known/jwks.json',
    schema: { type: 'string' },
  })
  @ApiConflictResponse({ type: ProblemDetails, description: 'Pending' })
  async credential(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const jwt = await this.certificates.credential(principal, id);
    void reply.header('content-type', 'application/jwt');
    return jwt;
  }

  @Get('classes/:id/certificates')
  @Can('certificates.read')
  @ApiOkResponse({ type: PageOf(CertificateView), description: 'Pending ones included' })
  ofClass(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Query() query: PageQuery,
  ): Promise<Page<CertificateView>> {
    return this.certificates.ofClass(principal, id, query);
  }

  /** Streams: each stored PDF is read when the archive reaches it, so memory stays flat. */
  @Get('classes/:id/certificates.zip')
  @Can('certificates.read')
  @ApiProduces('application/zip')
  @ApiOkResponse({ description: 'The valid certificates’ PDFs', schema: { type: 'string', format: 'binary' } })
  async zip(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<StreamableFile> {
    const files = await this.certificates.pdfsOfClass(principal, id);
    const archive = new yazl.ZipFile();
    for (const file of files) {
      // PDFs are compressed already; storing them saves the CPU for nothing smaller.
      archive.addReadStreamLazy(file.name, { compress: false }, (done) => {
        file.open().then(
          (stream) => done(null, stream),
          (error: Error) => done(error, undefined as never),
        );
      });
    }
    archive.end();
    return new StreamableFile(archive.outputStream as Readable, {
      type: 'application/zip',
      disposition: `attachment; filename="giay-chung-nhan-${id}.zip"`,
    });
  }

  @Post('enrollments/:id/certificate')
  @Idempotent()
  @Can('certificates.issue')
  @ApiCreatedResponse({ type: CertificateView, description: 'Issued now (or pending, without issuing settings)' })
  @ApiOkResponse({ type: CertificateView, description: 'The learner already holds the programme’s certificate' })
  @ApiConflictResponse({ type: ProblemDetails, description: 'The enrolment is not completed' })
  async issue(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CertificateView> {
    const { created, certificate } = await this.certificates.issueNow(principal, id);
    void reply.status(created ? 201 : 200);
    return certificate;
  }

  @Post('certificates/:id/revoke')
  @HttpCode(200)
  @Idempotent()
  @Can('certificates.issue')
  @ApiOkResponse({ type: CertificateView })
  @ApiConflictResponse({ type: ProblemDetails, description: 'Not valid (pending, revoked or superseded)' })
  revoke(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: ReasonRequest,
  ): Promise<CertificateView> {
    return this.certificates.revoke(principal, id, body.reason);
  }

  @Post('certificates/:id/reissue')
  @HttpCode(201)
  @Idempotent()
  @Can('certificates.issue')
  @ApiCreatedResponse({ type: CertificateView, description: 'The new certificate; the old one is superseded' })
  @ApiConflictResponse({ type: ProblemDetails, description: 'Not valid, or no issuing settings' })
  reissue(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: ReasonRequest,
  ): Promise<CertificateView> {
    return this.certificates.reissue(principal, id, body.reason);
  }

  @Get('org-units/:id/certificate-settings')
  @Can('certificates.read')
  @ApiOkResponse({ type: CertificateSettingsView })
  @ApiConflictResponse({ type: ProblemDetails, description: 'Neither the unit nor an ancestor has settings' })
  settings(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
  ): Promise<CertificateSettingsView> {
    return this.certificates.settingsOf(principal, id);
  }

  @Put('org-units/:id/certificate-settings')
  @IdempotentPut()
  @Can('certificates.issue')
  @ApiOkResponse({
    type: CertificateSettingsView,
    description: 'Saved; pending certificates below are issued by a job',
  })
  saveSettings(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: CertificateSettingsRequest,
  ): Promise<CertificateSettingsView> {
    return this.certificates.saveSettings(principal, id, body);
  }
}
