import { Module } from '@nestjs/common';
import { RosterRepository } from './roster.repository';
import { RosterService } from './roster.service';

/** Enrolments' read side for classes; imports nothing of classes (EnrollmentsModule imports ClassesModule). */
@Module({
  providers: [RosterRepository, RosterService],
  exports: [RosterService],
})
export class RosterModule {}
