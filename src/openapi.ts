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
  return SwaggerModule.createDocument(app, config, { ignoreGlobalPrefix: false });
}
