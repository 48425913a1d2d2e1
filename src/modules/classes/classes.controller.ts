import { Body, Controller, Delete, Get, Header, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { ApiProblems } from '../../common/api-problems';
import { MERGED_UNIT } from '../org-units/org-units.errors';
import { Can, CurrentPerson, CurrentPrincipal, PEOPLE_ONLY, Person, Principal } from '../auth/auth.decorators';
import {
  capacityBelowEnrollments,
  checkInClosed,
  checkInCodeExpired,
  checkInCodeInvalid,
  checkInNotActive,
  classClosed,
  classCodeTaken,
  courseNotPublished,
  instructorAlreadyAssigned,
} from './classes.errors';
import { Page, PageOf, PageQuery } from '../../common/pagination';
import { UuidPipe } from '../../common/uuid.pipe';
import { CalendarService } from './calendar.service';
import { ClassesService } from './classes.service';
import {
  AssignInstructorRequest,
  ClassView,
  CreateClassRequest,
  CreateSessionRequest,
  ListClassesQuery,
  UpdateClassRequest,
  UpdateSessionRequest,
} from './dto/class.dto';
import {
  BridgePointView,
  CheckInRequest,
  CheckInResult,
  HeadcountRequest,
  PutAttendanceRequest,
  SessionAttendanceView,
  SessionView,
} from './dto/session.dto';
import { SessionsService } from './sessions.service';
import { Idempotent, IdempotentPut } from '../../idempotency/idempotent.decorator';

const CLOSED_EDIT = { problem: classClosed('edit'), when: 'the class is closed' };
const CLOSED_RECORD = { problem: classClosed('record'), when: 'the class is closed' };
const READERS =
  'Staff see the classes of their subtrees, instructors also the classes they teach, learners the classes of ' +
  'their unit and those they are enrolled in.';

const ICS = 'text/calendar; charset=utf-8';

@ApiTags('classes')
@Controller()
export class ClassesController {
  constructor(
    private readonly classes: ClassesService,
    private readonly sessions: SessionsService,
    private readonly calendars: CalendarService,
  ) {}

  @Post('classes')
  @Idempotent()
  @Can('classes.write')
  @ApiCreatedResponse({ type: ClassView })
  @ApiOperation({
    summary: 'Open a class on a published course',
    description:
      'Creates a class run (`planned`) of a published course at `orgUnitId`: dates, mode (`in_person`, `online`, ' +
      '`hybrid`), capacity, enrolment policy (`closed`, `self`, `approval`) and time zone (default Asia/Ho_Chi_Minh). ' +
      'Open it with PATCH `{status: "open"}`. Codes are unique per unit.',
  })
  @ApiProblems(
    { problem: 400, when: 'invalid fields, `endsOn` before `startsOn`, or an unknown course' },
    { problem: 404, when: 'the unit is not in your scope' },
    courseNotPublished(),
    classCodeTaken('NTVD-2026-01'),
    MERGED_UNIT,
  )
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateClassRequest): Promise<ClassView> {
    return this.classes.create(principal, body);
  }

  @Get('classes')
  @Can('classes.read')
  @ApiOkResponse({ type: PageOf(ClassView) })
  @ApiOperation({
    summary: 'List classes',
    description: `Classes filtered by unit subtree, course, status and dates overlapping \`from\`–\`to\`. ${READERS}`,
  })
  @ApiProblems(400)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListClassesQuery): Promise<Page<ClassView>> {
    return this.classes.list(principal, query);
  }

  @Get('classes/:id')
  @Can('classes.read')
  @ApiOkResponse({ type: ClassView })
  @ApiOperation({
    summary: 'Get a class',
    description: `One class with its instructors and active enrolments. ${READERS}`,
  })
  @ApiProblems(400, 404)
  get(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<ClassView> {
    return this.classes.get(principal, id);
  }

  @Patch('classes/:id')
  @Can('classes.write')
  @ApiOkResponse({ type: ClassView })
  @ApiOperation({
    summary: 'Update or open a class',
    description:
      'Changes the fields sent; `{status: "open"}` opens a planned class. Capacity never drops below the active ' +
      "enrolments. A closed class takes no changes. School admins of the class's unit.",
  })
  @ApiProblems(400, 404, CLOSED_EDIT, capacityBelowEnrollments(30))
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: UpdateClassRequest,
  ): Promise<ClassView> {
    return this.classes.update(principal, id, body);
  }

  @Post('classes/:id/instructors')
  @Idempotent()
  @Can('classes.write')
  @ApiCreatedResponse({ type: ClassView })
  @ApiOperation({
    summary: 'Assign an instructor to a class',
    description:
      'The person (who must hold the instructor role) then manages sessions, attendance and exams of this class, ' +
      'wherever their own role sits.',
  })
  @ApiProblems(
    { problem: 400, when: 'the person is not an instructor' },
    { problem: 404, when: 'the class or the person is not visible to you' },
    instructorAlreadyAssigned(),
  )
  assignInstructor(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: AssignInstructorRequest,
  ): Promise<ClassView> {
    return this.classes.assignInstructor(principal, id, body);
  }

  @Delete('classes/:id/instructors/:userId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Instructor unassigned' })
  @Can('classes.write')
  @ApiOperation({
    summary: 'Unassign an instructor',
    description: "Takes the class away from the instructor; their records stay. School admins of the class's unit.",
  })
  @ApiProblems(400, { problem: 404, when: 'not found, or the person is not assigned' })
  async unassignInstructor(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Param('userId', UuidPipe) userId: string,
  ): Promise<void> {
    await this.classes.unassignInstructor(principal, id, userId);
  }

  @Post('classes/:id/sessions')
  @Idempotent()
  @Can('sessions.manage')
  @ApiCreatedResponse({ type: SessionView })
  @ApiOperation({
    summary: 'Schedule a session',
    description:
      'A session of the class with its lessons, place and, for mass conferences, bridge points (điểm cầu). Learners ' +
      "get reminders before it. School admins and the class's instructors.",
  })
  @ApiProblems(
    { problem: 400, when: 'invalid fields, `endsAt` not after `startsAt`, or lessons of another course' },
    404,
    CLOSED_RECORD,
  )
  createSession(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: CreateSessionRequest,
  ): Promise<SessionView> {
    return this.sessions.create(principal, id, body);
  }

  @Get('classes/:id/sessions')
  @Can('classes.read')
  @ApiOkResponse({ type: PageOf(SessionView), description: 'Staff see each session’s current check-in code' })
  @ApiOperation({
    summary: 'List the sessions of a class',
    description: `In time order. Staff see each session's current check-in code, learners never. ${READERS}`,
  })
  @ApiProblems(400, 404)
  listSessions(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Query() query: PageQuery,
  ): Promise<Page<SessionView>> {
    return this.sessions.list(principal, id, query);
  }

  @Get('classes/:id/calendar.ics')
  @Can('classes.read')
  @Header('content-type', ICS)
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'iCalendar feed of the class’s sessions', schema: { type: 'string' } })
  @ApiOperation({
    summary: 'Calendar feed of a class (iCalendar)',
    description: `The class's sessions as an .ics feed that calendar apps subscribe to. ${READERS}`,
  })
  @ApiProblems(400, 404)
  classCalendar(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<string> {
    return this.calendars.ofClass(principal, id);
  }

  @Get('me/calendar.ics')
  @Can('classes.read')
  @Header('content-type', ICS)
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'iCalendar feed of your classes’ sessions', schema: { type: 'string' } })
  @ApiOperation({
    summary: 'Calendar feed of your classes (iCalendar)',
    description: 'The sessions of every class you are enrolled in, as one .ics feed. Any signed-in person.',
  })
  @ApiProblems(PEOPLE_ONLY)
  myCalendar(@CurrentPerson() person: Person): Promise<string> {
    return this.calendars.ofLearner(person);
  }

  @Get('sessions/:id')
  @Can('classes.read')
  @ApiOkResponse({ type: SessionView })
  @ApiOperation({
    summary: 'Get a session',
    description: `One session with its bridge points; staff also see its check-in code. ${READERS}`,
  })
  @ApiProblems(400, 404)
  getSession(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<SessionView> {
    return this.sessions.get(principal, id);
  }

  @Patch('sessions/:id')
  @Can('sessions.manage')
  @ApiOkResponse({ type: SessionView, description: 'Changed; a new start sends reminders for it, not the old one' })
  @ApiOperation({
    summary: 'Reschedule or change a session',
    description:
      'Changes the fields sent; a new start sends reminders for the new time, not the old one. School admins and ' +
      "the class's instructors, until the class is closed.",
  })
  @ApiProblems({ problem: 400, when: 'invalid fields, or `endsAt` not after `startsAt`' }, 404, CLOSED_EDIT)
  updateSession(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: UpdateSessionRequest,
  ): Promise<SessionView> {
    return this.sessions.update(principal, id, body);
  }

  @Put('sessions/:id/attendance')
  @IdempotentPut()
  @Can('sessions.manage')
  @ApiOkResponse({ type: SessionAttendanceView })
  @ApiOperation({
    summary: 'Record attendance (bulk, idempotent)',
    description:
      'Upserts one record per learner (`present`, `late`, `excused`, `absent`, optionally at a bridge point). ' +
      "Idempotent: sending the same records again changes nothing, so a retry is safe. The class's instructors " +
      'and school admins, until the class is closed.',
  })
  @ApiProblems({ problem: 400, when: 'invalid records, or a learner not enrolled in the class' }, 404, CLOSED_RECORD)
  putAttendance(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: PutAttendanceRequest,
  ): Promise<SessionAttendanceView> {
    return this.sessions.putAttendance(principal, id, body);
  }

  @Get('sessions/:id/attendance')
  @Can('sessions.manage')
  @ApiOkResponse({ type: SessionAttendanceView })
  @ApiOperation({
    summary: 'Get the attendance of a session',
    description:
      "Every enrolled learner with their status and bridge point. The class's instructors and school admins.",
  })
  @ApiProblems(400, 404)
  attendance(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
  ): Promise<SessionAttendanceView> {
    return this.sessions.attendance(principal, id);
  }

  @Post('sessions/:id/check-in')
  @Idempotent()
  @HttpCode(200)
  @Can('classes.read')
  @ApiOkResponse({ type: CheckInResult })
  @ApiOperation({
    summary: 'Check in to a session with the room code',
    description:
      'A learner of the class enters the code shown in the room, from CHECK_IN_OPENS_MINUTES_BEFORE before the start ' +
      "to the end. Twice is one record, and an instructor's record is never overwritten. The enrolled learner.",
  })
  @ApiProblems(
    { problem: 400, when: 'invalid body, or a bridge point of another session' },
    { problem: 404, when: 'no such session, or you are not enrolled in its class' },
    PEOPLE_ONLY,
    checkInNotActive(),
    checkInClosed(30),
    checkInCodeExpired(),
    checkInCodeInvalid(),
  )
  checkIn(
    @CurrentPerson() person: Person,
    @Param('id', UuidPipe) id: string,
    @Body() body: CheckInRequest,
  ): Promise<CheckInResult> {
    return this.sessions.checkIn(person, id, body.code, body.bridgePointId);
  }

  @Put('sessions/:id/bridge-points/:bridgePointId/headcount')
  @IdempotentPut()
  @Can('sessions.manage')
  @ApiOkResponse({ type: BridgePointView })
  @ApiOperation({
    summary: 'Set the headcount of a bridge point (idempotent)',
    description:
      'For mass conferences: how many people attended at a bridge point; the last value sent stands, so a retry is ' +
      "safe. The class's instructors and school admins, until the class is closed.",
  })
  @ApiProblems(400, { problem: 404, when: 'no such session or bridge point' }, CLOSED_RECORD)
  headcount(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Param('bridgePointId', UuidPipe) bridgePointId: string,
    @Body() body: HeadcountRequest,
  ): Promise<BridgePointView> {
    return this.sessions.setHeadcount(principal, id, bridgePointId, body.count);
  }
}
