import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { EnrollmentStatus } from './entities/enrollment.entity';
import { RosterRepository } from './roster.repository';

/** Statuses that hold a seat or a result: enrolling again is a conflict, not a new row. */
export const HOLDING: readonly EnrollmentStatus[] = ['pending', 'active', 'completed', 'failed'];

/**
 * The read side of enrolments that classes use (seat counts, a class's learners, a learner's
 * classes). Its own module, without ClassesModule, so classes may import it while enrolments
 * import classes.
 */
@Injectable()
export class RosterService {
  constructor(private readonly roster: RosterRepository) {}

  /** Seats taken: the active enrolments. Callers changing seats hold the class row lock. */
  activeCount(em: EntityManager, classId: string): Promise<number> {
    return this.roster.activeCount(em, classId);
  }

  async activeCountsByClass(em: EntityManager, classIds: string[]): Promise<Map<string, number>> {
    const rows = await this.roster.activeCountsByClass(em, classIds);
    return new Map(rows.map((r) => [r.class_id, r.n]));
  }

  /** The active enrolments of these users in the class, as user id → enrolment id. */
  async activeOfUsers(em: EntityManager, classId: string, userIds: string[]): Promise<Map<string, string>> {
    const rows = await this.roster.activeOfUsers(em, classId, userIds);
    return new Map(rows.map((r) => [r.user_id, r.id]));
  }

  /** The classes whose sessions are on the learner's calendar: those they hold a seat or a result in. */
  async classIdsOfLearner(em: EntityManager, userId: string): Promise<string[]> {
    const rows = await this.roster.classIdsOfLearner(em, userId, HOLDING);
    return rows.map((r) => r.class_id);
  }
}
