import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ProblemDetails } from '../../common/problem';
import { UuidPipe } from '../../common/uuid.pipe';
import { CurrentPrincipal, Principal } from '../auth/auth.decorators';
import { ImportView } from './import.dto';
import { ImportsService } from './imports.service';

@ApiTags('imports')
@ApiBearerAuth()
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Get(':id')
  @ApiOkResponse({ type: ImportView })
  @ApiNotFoundResponse({ type: ProblemDetails, description: 'Not found, or uploaded by someone else' })
  async get(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<ImportView> {
    return ImportView.from(await this.imports.get(principal, id));
  }
}
