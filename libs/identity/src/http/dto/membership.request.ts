import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '@ocop/http';
import { MEMBERSHIP_STATUSES, MembershipStatus } from '../../domain/membership-rules';

export class ApplyForMembershipRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  branchId!: string;
}

export class AdminMembershipsQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: MEMBERSHIP_STATUSES,
    description:
      'Only memberships in this status (pending: the applications to decide); all statuses by default',
  })
  @IsOptional()
  @IsIn(MEMBERSHIP_STATUSES)
  status?: MembershipStatus;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "Only the members of this branch (one of my subtree's; another answers none)",
  })
  @IsOptional()
  @IsUUID('all')
  branchId?: string;
}
