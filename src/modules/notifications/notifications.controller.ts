import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/api-problems';
import { CurrentPerson, PEOPLE_ONLY, Person, SignedIn } from '../auth/auth.decorators';
import { notificationNotFound } from './notifications.errors';
import { UuidPipe } from '../../common/uuid.pipe';
import {
  ListNotificationsQuery,
  NotificationPage,
  NotificationPreferencesRequest,
  NotificationPreferencesView,
  NotificationView,
} from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

class MarkedRead {
  @ApiProperty({ description: 'Notifications that were unread' })
  marked: number;
}

/** A person's own notifications and preferences; every signed-in person has them. */
@ApiTags('notifications')
@Controller('me')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('notifications')
  @ApiOkResponse({ type: NotificationPage, description: 'Newest first, with the unread count' })
  @SignedIn()
  @ApiOperation({
    summary: 'List your notifications',
    description:
      'In-app notifications (enrolment decisions, session reminders, grades, certificates…), newest first, ' +
      'optionally only unread, with the unread count for a badge. Any signed-in person.',
  })
  @ApiProblems(400, PEOPLE_ONLY)
  mine(@CurrentPerson() person: Person, @Query() query: ListNotificationsQuery): Promise<NotificationPage> {
    return this.notifications.mine(person, query);
  }

  @Post('notifications/read-all')
  @HttpCode(200)
  @ApiOkResponse({ type: MarkedRead })
  @SignedIn()
  @ApiOperation({
    summary: 'Mark all your notifications read',
    description: 'Answers how many were unread; again marks nothing more, so a retry is safe. Any signed-in person.',
  })
  @ApiProblems(PEOPLE_ONLY)
  readAll(@CurrentPerson() person: Person): Promise<MarkedRead> {
    return this.notifications.markAllRead(person);
  }

  @Post('notifications/:id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: NotificationView, description: 'Read; reading it again changes nothing' })
  @SignedIn()
  @ApiOperation({
    summary: 'Mark a notification read',
    description: 'Reading it again changes nothing, so a retry is safe. Your own notifications only.',
  })
  @ApiProblems(400, { problem: notificationNotFound(), when: 'not yours, or not there' }, PEOPLE_ONLY)
  read(@CurrentPerson() person: Person, @Param('id', UuidPipe) id: string): Promise<NotificationView> {
    return this.notifications.markRead(person, id);
  }

  @Get('notification-preferences')
  @ApiOkResponse({ type: NotificationPreferencesView })
  @SignedIn()
  @ApiOperation({
    summary: 'Get your notification preferences',
    description:
      'Per kind of notification, whether it also comes by email; in the app it always does. Any signed-in person.',
  })
  @ApiProblems(PEOPLE_ONLY)
  preferences(@CurrentPerson() person: Person): Promise<NotificationPreferencesView> {
    return this.notifications.preferences(person);
  }

  @Patch('notification-preferences')
  @ApiOkResponse({ type: NotificationPreferencesView, description: 'The kinds named change; others stay' })
  @SignedIn()
  @ApiOperation({
    summary: 'Change your notification preferences',
    description: 'Turns email on or off for the kinds named; the others stay. Any signed-in person.',
  })
  @ApiProblems(400, PEOPLE_ONLY)
  savePreferences(
    @CurrentPerson() person: Person,
    @Body() body: NotificationPreferencesRequest,
  ): Promise<NotificationPreferencesView> {
    return this.notifications.savePreferences(person, body);
  }
}
