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
  @ApiProperty({
    type: MembershipResponse,
    nullable: true,
    description: "Streamers: their current (active) membership, with the branch's id and name",
  })
  membership!: MembershipResponse | null;
  @ApiProperty({ type: MembershipResponse, nullable: true }) pendingApplication!: MembershipResponse | null;
  @ApiProperty({
    type: BranchResponse,
    nullable: true,
    description:
      'Admins: the root of the subtree they manage (its id starts the tree editor: GET /api/branches/{id}/subtree)',
  })
  adminScope!: BranchResponse | null;
  @ApiProperty({
    description:
      'Farmers: whether the producer profile exists (it comes with the farmer role; read it at GET /api/producers/me)',
  })
  hasProducerProfile!: boolean;
}

export class BranchCrumbResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'HN-GL' }) code!: string;
  @ApiProperty() name!: string;
}

export class MembershipReviewResponse extends MembershipResponse {
  @ApiProperty({ type: String, nullable: true }) userEmail!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '+84912345678' }) userPhone!: string | null;
  @ApiProperty({
    type: [BranchCrumbResponse],
    description: "From the admin's scope root down to the membership's branch",
  })
  branchPath!: BranchCrumbResponse[];
}

export class MembershipReviewPageResponse {
  @ApiProperty({ type: [MembershipReviewResponse] }) items!: MembershipReviewResponse[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}
