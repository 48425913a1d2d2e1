import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/api-problems';
import { CurrentPrincipal, Principal, SignedIn } from '../auth/auth.decorators';
import { UuidPipe } from '../../common/uuid.pipe';
import { ImportView } from './import.dto';
import { ImportsService } from './imports.service';

@ApiTags('imports')
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Get(':id')
  @ApiOkResponse({ type: ImportView })
  @SignedIn()
  @ApiOperation({
    summary: 'Follow an import',
    description:
      'Status (`queued`, `running`, `done`, `failed`), counts and the row errors of a people or enrolment import. ' +
      'Visible to the person who uploaded it and to system admins.',
  })
  @ApiProblems(400, { problem: 404, when: 'no such import, or uploaded by someone else' })
  async get(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<ImportView> {
    return ImportView.from(await this.imports.get(principal, id));
  }
}
