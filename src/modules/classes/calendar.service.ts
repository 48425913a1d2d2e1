import { Injectable } from '@nestjs/common';
import { Environment } from '../../config/environment';
import { Transactions } from '../../database/transactions';
import { AccessService } from '../access/access.service';
import type { Person, Principal } from '../auth/auth.decorators';
import { RosterService } from '../enrollments/roster.service';
import { CalendarEvent, renderCalendar } from './calendar-ics';
import { CalendarSessionRow, SessionsRepository } from './sessions.repository';

function event(row: CalendarSessionRow): CalendarEvent {
  return {
    uid: `session-${row.id}@lyluan`,
    start: row.starts_at,
    end: row.ends_at,
    summary: `${row.class_title} (${row.class_code})`,
    location: row.location,
    description: row.lesson_titles?.length ? `Nội dung: ${row.lesson_titles.join('; ')}` : null,
    lastModified: row.created_at,
  };
}

/** The newest session's creation; a feed without sessions prints no DTSTAMP, so now is as good. */
const lastRevision = (rows: CalendarSessionRow[]): Date =>
  rows.length ? new Date(Math.max(...rows.map((row) => row.created_at.getTime()))) : new Date();

/** iCalendar feeds: a class's sessions, and a learner's sessions across their classes. */
@Injectable()
export class CalendarService {
  constructor(
    private readonly transactions: Transactions,
    private readonly sessions: SessionsRepository,
    private readonly roster: RosterService,
    private readonly access: AccessService,
    private readonly env: Environment,
  ) {}

  async ofClass(principal: Principal, classId: string): Promise<string> {
    const found = await this.access.readableClass(principal, classId);
    const rows = await this.sessions.calendarOfClass(this.transactions.manager, classId);
    return renderCalendar({
      name: `${found.title} (${found.code})`,
      timezone: found.timezone,
      events: rows.map(event),
      revisedAt: lastRevision(rows),
    });
  }

  /** The learner's sessions, in the time zone of their most recent class (or the default zone). */
  async ofLearner(person: Person): Promise<string> {
    const em = this.transactions.manager;
    const rows = await this.sessions.calendarOfClasses(em, await this.roster.classIdsOfLearner(em, person.userId));
    return renderCalendar({
      name: 'Lịch học của tôi',
      timezone: rows[rows.length - 1]?.timezone ?? this.env.DEFAULT_TIMEZONE,
      events: rows.map(event),
      revisedAt: lastRevision(rows),
    });
  }
}
