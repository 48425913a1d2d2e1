import { Module } from '@nestjs/common';
import { QueueModule } from '../../queue/queue.module';
import { AccessModule } from '../access/access.module';
import { CertificatesModule } from '../certificates/certificates.module';
import { ClassesModule } from '../classes/classes.module';
import { CurriculaModule } from '../curricula/curricula.module';
import { EnrollmentsModule } from '../enrollments/enrollments.module';
import { OrgUnitsModule } from '../org-units/org-units.module';
import { ClustersRepository } from './clusters.repository';
import { EnrollmentFeedService } from './enrollment-feed.service';
import { PlansRepository } from './plans.repository';
import { STATISTICS_JOBS } from './statistics-events';
import { StatisticsFilingService } from './statistics-filing.service';
import { PlansController, StatisticsController } from './statistics.controller';
import { StatisticsRepository } from './statistics.repository';
import { StatisticsService } from './statistics.service';

@Module({
  imports: [
    AccessModule,
    OrgUnitsModule,
    CurriculaModule,
    ClassesModule,
    EnrollmentsModule,
    CertificatesModule,
    QueueModule.forFeature(STATISTICS_JOBS),
  ],
  controllers: [StatisticsController, PlansController],
  providers: [
    StatisticsRepository,
    ClustersRepository,
    PlansRepository,
    StatisticsService,
    StatisticsFilingService,
    EnrollmentFeedService,
  ],
  exports: [StatisticsFilingService],
})
export class StatisticsModule {}
