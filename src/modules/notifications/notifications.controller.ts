import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ProblemDetails } from '../../common/problem';
import { UuidPipe } from '../../common/uuid.pipe';
import { CurrentPerson, Person } from '../auth/auth.decorators';
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
@ApiBearerAuth()
@Controller('me')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('notifications')
  @ApiOkResponse({ type: NotificationPage, description: 'Newest first, with the unread count' })
  mine(@CurrentPerson() person: Person, @Query() query: ListNotificationsQuery): Promise<NotificationPage> {
    return this.notifications.mine(person, query);
  }

  @Post('notifications/read-all')
  @HttpCode(200)
  @ApiOkResponse({ type: MarkedRead })
  readAll(@CurrentPerson() person: Person): Promise<MarkedRead> {
    return this.notifications.markAllRead(person);
  }

  @Post('notifications/:id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: NotificationView, description: 'Read; reading it again changes nothing' })
  @ApiNotFoundResponse({ type: ProblemDetails, description: 'Not yours or not there' })
  read(@CurrentPerson() person: Person, @Param('id', UuidPipe) id: string): Promise<NotificationView> {
    return this.notifications.markRead(person, id);
  }

  @Get('notification-preferences')
  @ApiOkResponse({ type: NotificationPreferencesView })
  preferences(@CurrentPerson() person: Person): Promise<NotificationPreferencesView> {
    return this.notifications.preferences(person);
  }

  @Patch('notification-preferences')
  @ApiOkResponse({ type: NotificationPreferencesView, description: 'The kinds named change; others stay' })
  savePreferences(
    @CurrentPerson() person: Person,
    @Body() body: NotificationPreferencesRequest,
  ): Promise<NotificationPreferencesView> {
    return this.notifications.savePreferences(person, body);
  }
}
