import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, ValidateNested } from 'class-validator';
import { PageQuery } from '../../../common/pagination';
import { EMAIL_STATUSES, EmailStatus } from '../entities/notification.entity';
import { LINK_TYPES, LinkType, NOTIFICATION_KIND_LIST, NotificationKind } from '../notification-kinds';

export class ListNotificationsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'true: only unread ones; false: only read ones' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

class NotificationLink {
  @ApiProperty({ enum: LINK_TYPES })
  type: LinkType;

  @ApiProperty({ format: 'uuid' })
  id: string;
}

export class NotificationView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: NOTIFICATION_KIND_LIST, description: 'Stable: clients switch on it' })
  kind: NotificationKind;

  @ApiProperty({ example: 'Buổi học bắt đầu lúc 07:30 ngày 03/12/2026' })
  title: string;

  @ApiProperty()
  body: string;

  @ApiProperty({ type: NotificationLink, nullable: true, description: 'The object it is about' })
  link: NotificationLink | null;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readAt: Date | null;

  @ApiProperty({ enum: EMAIL_STATUSES, description: 'Where its email stands: off, pending, sent, failed, cancelled' })
  email: EmailStatus;
}

export class NotificationPage {
  @ApiProperty({ type: [NotificationView] })
  items: NotificationView[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;

  @ApiProperty({ description: 'Unread notifications in all, whatever the page or filter' })
  unreadCount: number;
}

class KindPreference {
  @ApiProperty({ enum: NOTIFICATION_KIND_LIST })
  @IsIn(NOTIFICATION_KIND_LIST)
  kind: NotificationKind;

  @ApiProperty({ example: true, description: 'Email for this kind; in-app is always on' })
  @IsBoolean()
  email: boolean;
}

export class NotificationPreferencesRequest {
  @ApiProperty({ type: [KindPreference], example: [{ kind: 'session.reminder', email: false }] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(NOTIFICATION_KIND_LIST.length)
  @ValidateNested({ each: true })
  @Type(() => KindPreference)
  kinds: KindPreference[];
}

class KindPreferenceView {
  @ApiProperty({ enum: NOTIFICATION_KIND_LIST })
  kind: NotificationKind;

  @ApiProperty({ example: 'Nhắc lịch buổi học' })
  label: string;

  @ApiProperty({ description: 'Always true' })
  inApp: boolean;

  @ApiProperty()
  email: boolean;
}

export class NotificationPreferencesView {
  @ApiProperty({ description: 'Whether this deployment sends email at all (SMTP_URL is set)' })
  emailEnabled: boolean;

  @ApiProperty({ type: [KindPreferenceView] })
  kinds: KindPreferenceView[];
}
