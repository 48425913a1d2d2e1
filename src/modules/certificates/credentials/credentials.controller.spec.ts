import { NestFastifyApplication, FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_PREFIX, OPERATIONS_ROUTES, WELL_KNOWN_ROUTES } from '../../../app.factory';
import { ProblemFilter } from '../../../common/problem.filter';
import { Environment, loadEnvironment } from '../../../config/environment';
import { CredentialsController } from './credentials.controller';
import { CredentialsService } from './credentials.service';
import { StatusListSource } from './status-list-source';

describe('CredentialsController', () => {
  let dir: string;
  let app: NestFastifyApplication;
  const setIndices = jest.fn(async (listId: number) => (listId === 1 ? [3] : []));

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lyluan-credentials-http-'));
    const moduleRef = await Test.createTestingModule({
      controllers: [CredentialsController],
      providers: [
        CredentialsService,
        { provide: Environment, useValue: loadEnvironment({ NODE_ENV: 'test', STORAGE_DIR: dir }) },
        { provide: StatusListSource, useValue: { setIndices } },
      ],
    }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    // The same prefix rule as createApp, so the `.well-known` routes are checked where they are served.
    app.setGlobalPrefix(API_PREFIX, { exclude: [...OPERATIONS_ROUTES, ...WELL_KNOWN_ROUTES] });
    app.useGlobalFilters(new ProblemFilter());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves the JWKS and the DID document at the root, outside /api/v1', async () => {
    const jwks = await app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
    expect(jwks.statusCode).toBe(200);
    expect(jwks.headers['content-type']).toMatch(/^application\/jwk-set\+json/);
    expect(jwks.json().keys).toHaveLength(1);

    const did = await app.inject({ method: 'GET', url: '/.well-known/did.json' });
    expect(did.statusCode).toBe(200);
    expect(did.headers['content-type']).toMatch(/^application\/did\+json/);
    expect(did.json().assertionMethod).toEqual([jwks.json().keys[0].kid]);

    expect((await app.inject({ method: 'GET', url: `/${API_PREFIX}/.well-known/jwks.json` })).statusCode).toBe(404);
  });

  it('serves a status list as application/vc+jwt under /api/v1, with the bits the source gives', async () => {
    const response = await app.inject({ method: 'GET', url: `/${API_PREFIX}/credentials/status/1` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vc+jwt');
    expect(response.body.split('.')).toHaveLength(3);
    expect(setIndices).toHaveBeenCalledWith(1);
  });

  it.each(['0', '-1', 'abc', '1.5', '01', '9999999999'])('answers 404 problem+json for list %s', async (listId) => {
    setIndices.mockClear();
    const response = await app.inject({ method: 'GET', url: `/${API_PREFIX}/credentials/status/${listId}` });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 404, code: 'not_found' });
    expect(setIndices).not.toHaveBeenCalled();
  });
});
