import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { CurriculaModule } from '../curricula/curricula.module';
import { RosterModule } from '../enrollments/roster.module';
import { OrgUnitsModule } from '../org-units/org-units.module';
import { AttendanceRepository } from './attendance.repository';
import { CalendarService } from './calendar.service';
import { ClassesController } from './classes.controller';
import { ClassesRepository } from './classes.repository';
import { ClassesService } from './classes.service';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';

@Module({
  imports: [AccessModule, OrgUnitsModule, CurriculaModule, RosterModule],
  controllers: [ClassesController],
  providers: [
    ClassesRepository,
    SessionsRepository,
    AttendanceRepository,
    ClassesService,
    SessionsService,
    CalendarService,
  ],
  exports: [ClassesService, SessionsService],
})
export class ClassesModule {}
