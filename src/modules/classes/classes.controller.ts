import { Body, Controller, Delete, Get, Header, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Page, PageOf, PageQuery } from '../../common/pagination';
import { ProblemDetails } from '../../common/problem';
import { UuidPipe } from '../../common/uuid.pipe';
import { Can, CurrentPerson, CurrentPrincipal, Person, Principal } from '../auth/auth.decorators';
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

const ICS = 'text/calendar; charset=utf-8';

@ApiTags('classes')
@Controller()
@ApiNotFoundResponse({ type: ProblemDetails, description: 'Not found or not visible to you' })
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
  @ApiConflictResponse({ type: ProblemDetails, description: 'The course is not published, or the code is taken' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateClassRequest): Promise<ClassView> {
    return this.classes.create(principal, body);
  }

  @Get('classes')
  @Can('classes.read')
  @ApiOkResponse({ type: PageOf(ClassView) })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListClassesQuery): Promise<Page<ClassView>> {
    return this.classes.list(principal, query);
  }

  @Get('classes/:id')
  @Can('classes.read')
  @ApiOkResponse({ type: ClassView })
  get(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<ClassView> {
    return this.classes.get(principal, id);
  }

  @Patch('classes/:id')
  @Can('classes.write')
  @ApiOkResponse({ type: ClassView })
  @ApiConflictResponse({ type: ProblemDetails, description: 'Closed, or capacity below the active enrolments' })
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
  @ApiConflictResponse({ type: ProblemDetails, description: 'Already assigned' })
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
  @ApiConflictResponse({ type: ProblemDetails, description: 'The class is closed' })
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
  classCalendar(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<string> {
    return this.calendars.ofClass(principal, id);
  }

  @Get('me/calendar.ics')
  @Can('classes.read')
  @Header('content-type', ICS)
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'iCalendar feed of your classes’ sessions', schema: { type: 'string' } })
  myCalendar(@CurrentPerson() person: Person): Promise<string> {
    return this.calendars.ofLearner(person);
  }

  @Get('sessions/:id')
  @Can('classes.read')
  @ApiOkResponse({ type: SessionView })
  getSession(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<SessionView> {
    return this.sessions.get(principal, id);
  }

  @Patch('sessions/:id')
  @Can('sessions.manage')
  @ApiOkResponse({ type: SessionView, description: 'Changed; a new start sends reminders for it, not the old one' })
  @ApiConflictResponse({ type: ProblemDetails, description: 'The class is closed' })
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
  @ApiConflictResponse({ type: ProblemDetails, description: 'The class is closed' })
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
  @ApiConflictResponse({ type: ProblemDetails, description: 'Wrong or expired code, or outside the session' })
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
  headcount(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Param('bridgePointId', UuidPipe) bridgePointId: string,
    @Body() body: HeadcountRequest,
  ): Promise<BridgePointView> {
    return this.sessions.setHeadcount(principal, id, bridgePointId, body.count);
  }
}
