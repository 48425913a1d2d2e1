import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { OrgUnitsModule } from '../org-units/org-units.module';
import { QuestionBankModule } from '../question-bank/question-bank.module';
import { AttachmentsController } from './attachments/attachments.controller';
import { AttachmentsRepository } from './attachments.repository';
import { AttachmentsService } from './attachments/attachments.service';
import { CoursesController } from './courses.controller';
import { CoursesRepository } from './courses.repository';
import { CoursesService } from './courses.service';
import { LessonsController } from './lessons.controller';
import { LessonsRepository } from './lessons.repository';
import { LessonsService } from './lessons.service';
import { PackageService } from './package/package.service';
import { ProgramsController } from './programs.controller';
import { ProgramsRepository } from './programs.repository';
import { ProgramsService } from './programs.service';

@Module({
  imports: [AccessModule, OrgUnitsModule, QuestionBankModule],
  controllers: [ProgramsController, CoursesController, LessonsController, AttachmentsController],
  providers: [
    ProgramsRepository,
    CoursesRepository,
    LessonsRepository,
    AttachmentsRepository,
    ProgramsService,
    CoursesService,
    LessonsService,
    AttachmentsService,
    PackageService,
  ],
  exports: [ProgramsService, CoursesService, LessonsService],
})
export class CurriculaModule {}
