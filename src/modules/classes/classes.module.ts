import { Module } from '@nestjs/common';
import { CurriculaModule } from '../curricula/curricula.module';
import { OrgUnitsModule } from '../org-units/org-units.module';
import { CalendarService } from './calendar.service';
import { ClassAccess } from './class-access.service';
import { ClassesController } from './classes.controller';
import { ClassesService } from './classes.service';
import { SessionsService } from './sessions.service';

@Module({
  imports: [OrgUnitsModule, CurriculaModule],
  controllers: [ClassesController],
  providers: [ClassAccess, ClassesService, SessionsService, CalendarService],
  exports: [ClassAccess, ClassesService],
})
export class ClassesModule {}
