import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { CurriculaModule } from '../curricula/curricula.module';
import { OrgUnitsModule } from '../org-units/org-units.module';
import { CalendarService } from './calendar.service';
import { ClassesController } from './classes.controller';
import { ClassesService } from './classes.service';
import { SessionsService } from './sessions.service';

@Module({
  imports: [AccessModule, OrgUnitsModule, CurriculaModule],
  controllers: [ClassesController],
  providers: [ClassesService, SessionsService, CalendarService],
  exports: [ClassesService],
})
export class ClassesModule {}
