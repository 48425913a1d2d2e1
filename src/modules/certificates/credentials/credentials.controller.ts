import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../../common/api-problems';
import type { JWK } from 'jose';
import { unknownStatusList } from '../certificates.errors';
import { Public } from '../../auth/auth.decorators';
import { CredentialsService, STATUS_LIST_TTL_SECONDS } from './credentials.service';
import type { DidDocument } from './did-web';
import { StatusListSource } from './status-list-source';

/** Lists are numbered from 1; anything else names no list. */
const LIST_ID = /^[1-9]\d{0,8}$/;

/**
 * What a verifier fetches to check a credential without an account. The two `.well-known` routes are
 * served at the root (app.factory excludes them from `/api/v1`), where did:web resolution looks.
 */
@ApiTags('certificates')
@Public()
@Controller()
export class CredentialsController {
  constructor(
    private readonly credentials: CredentialsService,
    private readonly statusLists: StatusListSource,
  ) {}

  @Get('.well-known/jwks.json')
  @Header('content-type', 'application/jwk-set+json')
  @Header('cache-control', 'public, max-age=300')
  @ApiProduces('application/jwk-set+json')
  @ApiOkResponse({ description: 'The issuer’s public Ed25519 keys, current and retired (RFC 7517 JWK Set)' })
  @ApiOperation({
    summary: "The issuer's public keys (JWK Set)",
    description:
      'Ed25519 keys, current and retired, to verify signed credentials and status lists. Public, at the root; ' +
      'cacheable for 5 minutes.',
  })
  jwks(): Promise<{ keys: JWK[] }> {
    return this.credentials.jwks();
  }

  @Get('.well-known/did.json')
  @Header('content-type', 'application/did+json')
  @Header('cache-control', 'public, max-age=300')
  @ApiProduces('application/did+json')
  @ApiOkResponse({ description: 'The issuer’s did:web DID document, listing the same keys' })
  @ApiOperation({
    summary: "The issuer's did:web DID document",
    description: 'Resolves the issuer DID used in credentials to the same keys. Public, at the root; cacheable.',
  })
  didDocument(): Promise<DidDocument> {
    return this.credentials.didDocument();
  }

  @Get('credentials/status/:listId')
  @Header('content-type', 'application/vc+jwt')
  @Header('cache-control', `public, max-age=${STATUS_LIST_TTL_SECONDS}`)
  @ApiProduces('application/vc+jwt')
  @ApiOkResponse({
    description: 'The signed BitstringStatusListCredential (VC-JWT); a set bit is a revoked certificate',
    schema: { type: 'string' },
  })
  @ApiOperation({
    summary: 'A signed status list of credentials',
    description:
      "The BitstringStatusListCredential (VC-JWT) that a credential's `credentialStatus` points to; a set bit is a " +
      'revoked certificate. Public; cacheable for a short time.',
  })
  @ApiProblems({ problem: unknownStatusList(), when: 'not a list number' })
  async statusList(@Param('listId') listId: string): Promise<string> {
    if (!LIST_ID.test(listId)) throw unknownStatusList();
    const id = Number(listId);
    return this.credentials.statusListCredential(id, await this.statusLists.setIndices(id));
  }
}
