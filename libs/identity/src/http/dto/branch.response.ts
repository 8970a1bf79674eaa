import { ApiProperty } from '@nestjs/swagger';
import { BRANCH_STATUSES, BRANCH_TYPES, BranchStatus, BranchType } from '../../domain/branch-rules';

export class BranchResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'HN-GL-BT' }) code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: BRANCH_TYPES }) type!: BranchType;
  @ApiProperty({ enum: BRANCH_STATUSES }) status!: BranchStatus;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parentId!: string | null;
  @ApiProperty({ type: [String], description: 'Current root-first path of ids, including this branch' })
  path!: string[];
}

export class BranchSearchResultResponse extends BranchResponse {
  @ApiProperty({ type: [String], description: 'Names along the path, root first, including this branch' })
  pathNames!: string[];
}

export class AncestryResponse {
  @ApiProperty({ format: 'uuid' }) branchId!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: [String], description: 'Root-first path of ids at that instant' }) path!: string[];
}

export class AdminAssignmentResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ format: 'uuid' }) branchId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) grantedBy!: string | null;
  @ApiProperty({ type: Date }) validFrom!: Date;
  @ApiProperty({ type: Date, nullable: true }) validTo!: Date | null;
}
