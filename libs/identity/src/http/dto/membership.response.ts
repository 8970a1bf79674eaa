import { ApiProperty } from '@nestjs/swagger';
import { MEMBERSHIP_STATUSES, MembershipStatus } from '../../domain/membership-rules';
import { UserResponse } from './auth.response';
import { BranchResponse } from './branch.response';

export class MembershipResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() userDisplayName!: string;
  @ApiProperty({ format: 'uuid' }) branchId!: string;
  @ApiProperty() branchCode!: string;
  @ApiProperty() branchName!: string;
  @ApiProperty({ enum: MEMBERSHIP_STATUSES }) status!: MembershipStatus;
  @ApiProperty({ type: Date }) appliedAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) decidedAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) validFrom!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) validTo!: Date | null;
  @ApiProperty({ type: String, nullable: true }) endReason!: string | null;
}

export class ProfileResponse extends UserResponse {
  @ApiProperty({ type: MembershipResponse, nullable: true }) membership!: MembershipResponse | null;
  @ApiProperty({ type: MembershipResponse, nullable: true }) pendingApplication!: MembershipResponse | null;
  @ApiProperty({ type: BranchResponse, nullable: true, description: 'The branch this user administers' })
  adminScope!: BranchResponse | null;
}
