import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  MaxLength,
  Validate,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { DELIVERY_STATUSES, DeliveryStatus } from '../entities/webhook-delivery.entity';
import { WEBHOOK_STATUSES, WebhookStatus } from '../entities/webhook.entity';
import { WEBHOOK_EVENTS, WebhookEvent } from '../webhook-events';
import { webhookSecretProblem } from '../webhook-secret';

@ValidatorConstraint({ name: 'webhookSecret' })
class WebhookSecretConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && webhookSecretProblem(value) === null;
  }

  defaultMessage(args: ValidationArguments): string {
    return typeof args.value === 'string' ? webhookSecretProblem(args.value)! : 'phải là chuỗi';
  }
}

export class CreateWebhookRequest {
  @ApiProperty({
    example: 'https://hethong.tinh.vn/lyluan/webhook',
    description: 'http or https; public addresses only',
  })
  @IsString()
  @MaxLength(2000)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false, allow_underscores: true },
    { message: 'phải là URL http hoặc https' },
  )
  url: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true, example: ['enrollment.completed', 'certificate.issued'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENTS, { each: true })
  events: WebhookEvent[];

  @ApiPropertyOptional({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description: 'A Standard Webhooks secret (`whsec_` and base64 of 24–64 bytes); made for you when absent',
  })
  @IsOptional()
  @IsString()
  @Validate(WebhookSecretConstraint)
  secret?: string;

  @ApiPropertyOptional({
    example: '0b7c9d2e-4f1a-4c3b-8e5d-6a7b8c9d0e1f',
    format: 'uuid',
    description: 'The owning unit: its subtree’s events are sent. Default: the unit where you manage webhooks',
  })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;
}

export class WebhookView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  orgUnitId: string;

  @ApiProperty()
  url: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true })
  events: WebhookEvent[];

  @ApiProperty({ enum: WEBHOOK_STATUSES.filter((s) => s !== 'deleted'), description: 'disabled: too many failures' })
  status: WebhookStatus;

  @ApiProperty({ description: 'Deliveries failed in a row since the last success' })
  consecutiveFailures: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  disabledAt: Date | null;

  @ApiProperty()
  createdAt: Date;
}

export class CreatedWebhook extends WebhookView {
  @ApiProperty({ description: 'Verifies the signatures; shown this once and never again', example: 'whsec_…' })
  secret: string;
}

export class DeliveryAttemptView {
  @ApiProperty({ description: 'The attempt’s place in the log' })
  id: string;

  @ApiProperty({ format: 'uuid', description: 'The `webhook-id` header: the same for each attempt of a delivery' })
  deliveryId: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS })
  type: string;

  @ApiProperty({ description: '1, 2, 3… within the delivery' })
  attempt: number;

  @ApiProperty({ type: Number, nullable: true, description: 'The receiver’s HTTP status; null when none came' })
  statusCode: number | null;

  @ApiProperty()
  durationMs: number;

  @ApiProperty({ type: String, nullable: true, description: 'Why it failed; null on success' })
  error: string | null;

  @ApiProperty({ enum: DELIVERY_STATUSES, description: 'Where the delivery stands now' })
  deliveryStatus: DeliveryStatus;

  @ApiProperty()
  at: Date;
}
