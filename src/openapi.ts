import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { version } from '../package.json';

/** The OpenAPI document of the running code; `openapi.json` is this, committed. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Lyluan API')
    .setDescription(
      'Hệ thống quản lý bồi dưỡng lý luận chính trị: chương trình, lớp học, ghi danh, điểm danh, ' +
        'thi, chứng nhận và thống kê. Errors are application/problem+json (RFC 9457).',
    )
    .setVersion(version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }, 'api-key')
    .build();
  const document = SwaggerModule.createDocument(app, config, { ignoreGlobalPrefix: false });
  // Liveness is a plain Fastify route (see app.factory.ts), so Nest does not list it by itself.
  document.paths['/health'] = {
    get: {
      operationId: 'health_live',
      summary: 'Liveness: the process serves requests',
      tags: ['operations'],
      responses: {
        '200': {
          description: 'Alive',
          content: { 'application/json': { schema: { type: 'object', example: { status: 'ok' } } } },
        },
      },
    },
  };
  return document;
}
