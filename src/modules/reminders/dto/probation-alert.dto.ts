import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { PageQuery } from '../../../common/pagination';

export class ProbationAlertsQuery extends PageQuery {
  @ApiProperty({ format: 'uuid', description: 'Members in this unit’s subtree' })
  @IsUUID()
  orgUnitId: string;
}

/** A probationary member whose probation ends soon without a new-member certificate. */
export class ProbationAlertView {
  @ApiProperty({ format: 'uuid', description: 'The member’s user id' })
  id: string;

  @ApiProperty()
  fullName: string;

  @ApiProperty({ format: 'uuid' })
  orgUnitId: string;

  @ApiProperty()
  orgUnitName: string;

  @ApiProperty({ format: 'date', description: 'Party admission (start of probation)' })
  admissionDate: string;

  @ApiProperty({ format: 'date', description: '12 months after admission' })
  probationEndsOn: string;

  @ApiProperty({ description: 'Days from today (DEFAULT_TIMEZONE) to the end; 0 on the last day' })
  daysLeft: number;
}
