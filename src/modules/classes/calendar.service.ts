import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Environment } from '../../config/environment';
import { AccessService } from '../access/access.service';
import type { Person, Principal } from '../auth/auth.decorators';
import { CalendarEvent, renderCalendar } from './calendar-ics';

interface SessionRow {
  id: string;
  starts_at: Date;
  ends_at: Date;
  location: string | null;
  class_code: string;
  class_title: string;
  lesson_titles: string[] | null;
  created_at: Date;
  timezone: string;
}

const SESSION_ROWS = `
  SELECT s.id, s.starts_at, s.ends_at, s.location, s.created_at, c.code AS class_code, c.title AS class_title, c.timezone,
         (SELECT array_agg(l.title ORDER BY l.position) FROM lessons l WHERE l.id = ANY(s.lesson_ids)) AS lesson_titles
    FROM class_sessions s JOIN classes c ON c.id = s.class_id`;

function event(row: SessionRow): CalendarEvent {
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

/** iCalendar feeds: a class's sessions, and a learner's sessions across their classes. */
@Injectable()
export class CalendarService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly env: Environment,
  ) {}

  async ofClass(principal: Principal, classId: string): Promise<string> {
    const found = await this.access.readableClass(principal, classId);
    const rows: SessionRow[] = await this.dataSource.query(
      `${SESSION_ROWS} WHERE s.class_id = $1 ORDER BY s.starts_at`,
      [classId],
    );
    return renderCalendar({
      name: `${found.title} (${found.code})`,
      timezone: found.timezone,
      events: rows.map(event),
      generatedAt: new Date(),
    });
  }

  /** The learner's sessions, in the time zone of their most recent class (or the default zone). */
  async ofLearner(person: Person): Promise<string> {
    const rows: SessionRow[] = await this.dataSource.query(
      `${SESSION_ROWS}
        JOIN enrollments e ON e.class_id = c.id
       WHERE e.user_id = $1 AND e.status IN ('pending', 'active', 'completed', 'failed')
       ORDER BY s.starts_at`,
      [person.userId],
    );
    return renderCalendar({
      name: 'Lịch học của tôi',
      timezone: rows[rows.length - 1]?.timezone ?? this.env.DEFAULT_TIMEZONE,
      events: rows.map(event),
      generatedAt: new Date(),
    });
  }
}
