import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { OrgUnitsModule } from '../org-units/org-units.module';
import { ApiKeyStrategy } from './api-key.strategy';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeysService } from './api-keys.service';

@Module({
  imports: [AccessModule, OrgUnitsModule],
  controllers: [ApiKeysController],
  providers: [ApiKeysService, ApiKeysRepository, ApiKeyStrategy],
})
export class ApiKeysModule {}
