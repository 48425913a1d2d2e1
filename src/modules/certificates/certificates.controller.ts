import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/api-problems';
import { Can, CurrentPerson, CurrentPrincipal, PEOPLE_ONLY, Person, Principal } from '../auth/auth.decorators';
import {
  certificateNotFound,
  certificateNotValid,
  certificatePending,
  enrollmentNotCompleted,
  noIssuingSettings,
  pdfNotReady,
} from './certificates.errors';
import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import * as yazl from 'yazl';
import { Page, PageOf, PageQuery } from '../../common/pagination';
import { UuidPipe } from '../../common/uuid.pipe';
import { Idempotent, IdempotentPut } from '../../idempotency/idempotent.decorator';
import { CertificatesService } from './certificates.service';
import { fileName } from './issuance';
import {
  CertificateSettingsRequest,
  CertificateSettingsView,
  CertificateView,
  ReasonRequest,
} from './dto/certificate.dto';

const NOT_FOUND = { problem: certificateNotFound(), when: 'not found, or neither yours nor in your scope' };
const READERS = 'The holder, and staff who read certificates in the unit of the class.';

@ApiTags('certificates')
@Controller()
export class CertificatesController {
  constructor(private readonly certificates: CertificatesService) {}

  @Get('me/certificates')
  @Can('classes.read')
  @ApiOkResponse({ type: PageOf(CertificateView) })
  @ApiOperation({
    summary: 'List your certificates',
    description: 'Every certificate you hold, with its status and verification code. Any person.',
  })
  @ApiProblems(400, PEOPLE_ONLY)
  mine(@CurrentPerson() person: Person, @Query() query: PageQuery): Promise<Page<CertificateView>> {
    return this.certificates.mine(person, query);
  }

  @Get('certificates/:id')
  @Can('classes.read')
  @ApiOkResponse({ type: CertificateView })
  @ApiOperation({
    summary: 'Get a certificate',
    description: `Serial, verification code, status (\`pending\`, \`valid\`, \`revoked\`, \`superseded\`), learner, programme, class, classification, issuer and signer. ${READERS}`,
  })
  @ApiProblems(400, NOT_FOUND)
  get(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<CertificateView> {
    return this.certificates.get(principal, id);
  }

  @Get('certificates/:id/pdf')
  @Can('classes.read')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The stored PDF', schema: { type: 'string', format: 'binary' } })
  @ApiOperation({
    summary: 'Download the certificate PDF',
    description: `The stored PDF, with a QR code to the public verification page. ${READERS}`,
  })
  @ApiProblems(400, NOT_FOUND, certificatePending(), {
    problem: pdfNotReady(),
    when: 'the PDF is still being made: retry after `Retry-After` seconds',
  })
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
  @ApiOperation({
    summary: 'Get the signed credential (VC-JWT)',
    description:
      'The certificate as a W3C Verifiable Credential (Open Badges 3.0 `OpenBadgeCredential`), a JWT signed with ' +
      `EdDSA; verify it with /.well-known/jwks.json and its status with the status list. ${READERS}`,
  })
  @ApiProblems(400, NOT_FOUND, certificatePending())
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
  @ApiOperation({
    summary: 'List the certificates of a class',
    description: 'Every certificate of the class, pending ones included. Staff who read certificates in its unit.',
  })
  @ApiProblems(400, 404)
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
  @ApiOperation({
    summary: 'Download the PDFs of a class (zip)',
    description:
      "The valid certificates' PDFs of the class in one zip, streamed as it is built. Staff who read certificates " +
      'in its unit.',
  })
  @ApiProblems(400, 404)
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
  @ApiOperation({
    summary: 'Issue the certificate of an enrolment now',
    description:
      'Normally automatic when an enrolment completes. 201 with the new certificate (or a `pending` one while the ' +
      "unit has no issuing settings); 200 when the learner already holds it. School admins of the class's unit.",
  })
  @ApiProblems(400, 404, enrollmentNotCompleted('active'))
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
  @ApiOperation({
    summary: 'Revoke a certificate',
    description:
      'Marks a valid certificate `revoked` with the reason; verification and the status list say so at once. ' +
      "Certificates are never deleted. School admins of the class's unit.",
  })
  @ApiProblems(400, NOT_FOUND, certificateNotValid('revoked'))
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
  @ApiOperation({
    summary: 'Reissue a certificate',
    description:
      'Issues a new certificate (new serial) with the current content and settings; the old one becomes ' +
      "`superseded`. For corrections. School admins of the class's unit.",
  })
  @ApiProblems(400, NOT_FOUND, certificateNotValid('superseded'), noIssuingSettings())
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
  @ApiOperation({
    summary: 'Get the issuing settings of a unit',
    description:
      'Signer name and title, place, header lines and serial pattern in effect for the unit: its own, or those of ' +
      'the nearest ancestor that has them. Staff who read certificates in the unit.',
  })
  @ApiProblems(400, 404, { problem: noIssuingSettings(), when: 'neither the unit nor an ancestor has settings' })
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
  @ApiOperation({
    summary: 'Save the issuing settings of a unit (idempotent)',
    description:
      "Replaces the unit's settings; units below without their own inherit them. Pending certificates that now " +
      'have settings are issued by a job. Sending the same body again changes nothing. School admins of the unit.',
  })
  @ApiProblems(400, 404)
  saveSettings(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: CertificateSettingsRequest,
  ): Promise<CertificateSettingsView> {
    return this.certificates.saveSettings(principal, id, body);
  }
}
