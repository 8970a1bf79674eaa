import { ApiProperty } from '@nestjs/swagger';
import { PRODUCT_STATES, type ProductState } from '../domain/coverage';

/** The OpenAPI shapes of the campaigns' answers. Money: whole đồng; days: YYYY-MM-DD in Vietnam's time. */
export class CampaignResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'uuid', description: 'The branch running the campaign' }) branchId!: string;
  @ApiProperty() branchName!: string;
  @ApiProperty({ format: 'date' }) startsOn!: string;
  @ApiProperty({ format: 'date' }) endsOn!: string;
  @ApiProperty({ description: 'A product not yet scheduled this many days before the end is at risk' })
  atRiskDays!: number;
  @ApiProperty({ description: 'Target products' }) products!: number;
  @ApiProperty({
    type: String,
    enum: ['manager', 'branch_admin', 'streamer'],
    nullable: true,
    description: 'How the caller takes part',
  })
  role!: 'manager' | 'branch_admin' | 'streamer' | null;
}

export class AddedResponse {
  @ApiProperty({ description: 'Target products added (those already there are not counted)' }) added!: number;
}

export class RemovedResponse {
  @ApiProperty() removed!: boolean;
}

export class AssignedResponse {
  @ApiProperty({ description: 'Target products now assigned' }) assigned!: number;
}

export class UnassignedResponse {
  @ApiProperty() unassigned!: boolean;
}

export class BranchTargetsResponse {
  @ApiProperty({ format: 'uuid' }) branchId!: string;
  @ApiProperty() products!: number;
  @ApiProperty() sessions!: number;
  @ApiProperty() gmvVnd!: number;
  @ApiProperty() volunteers!: number;
}

export class AdoptedResponse {
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty({ format: 'uuid', description: 'The session whose lineup now holds the product' })
  sessionId!: string;
  @ApiProperty({ format: 'uuid', description: "The adopting streamer's branch" }) branchId!: string;
}

export class CampaignFiguresResponse {
  @ApiProperty() products!: number;
  @ApiProperty() notAssigned!: number;
  @ApiProperty() assigned!: number;
  @ApiProperty() scheduled!: number;
  @ApiProperty() streamed!: number;
  @ApiProperty() sold!: number;
  @ApiProperty() units!: number;
  @ApiProperty({ description: 'Placed sales' }) gmvVnd!: number;
  @ApiProperty({ description: 'Delivered and paid sales' }) settledGmvVnd!: number;
}

export class CampaignCoverageByKeyResponse extends CampaignFiguresResponse {
  @ApiProperty({ description: 'The OCOP product group or the province code' }) key!: string;
}

export class CampaignTargetsResponse {
  @ApiProperty() products!: number;
  @ApiProperty() sessions!: number;
  @ApiProperty() gmvVnd!: number;
  @ApiProperty() volunteers!: number;
}

export class BranchCoverageResponse {
  @ApiProperty({ format: 'uuid' }) branchId!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'The branch asked for (its whole subtree), or one of its current children' })
  isScope!: boolean;
  @ApiProperty() assignedProducts!: number;
  @ApiProperty() scheduledProducts!: number;
  @ApiProperty() streamedProducts!: number;
  @ApiProperty() soldProducts!: number;
  @ApiProperty() sessionsHeld!: number;
  @ApiProperty() sessionsScheduled!: number;
  @ApiProperty() volunteers!: number;
  @ApiProperty() hoursOnAir!: number;
  @ApiProperty() units!: number;
  @ApiProperty() gmvVnd!: number;
  @ApiProperty() settledGmvVnd!: number;
  @ApiProperty() farmersReached!: number;
  @ApiProperty({ type: CampaignTargetsResponse, nullable: true }) target!: CampaignTargetsResponse | null;
}

export class CoverageResponse {
  @ApiProperty({ format: 'uuid' }) campaignId!: string;
  @ApiProperty({ format: 'uuid' }) branchId!: string;
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ format: 'date' }) today!: string;
  @ApiProperty({ format: 'date', description: 'Products not yet scheduled are at risk from this day' })
  atRiskFrom!: string;
  @ApiProperty() atRiskNow!: number;
  @ApiProperty({ type: CampaignFiguresResponse }) totals!: CampaignFiguresResponse;
  @ApiProperty() farmersReached!: number;
  @ApiProperty({ type: [BranchCoverageResponse] }) byBranch!: BranchCoverageResponse[];
  @ApiProperty({ type: [CampaignCoverageByKeyResponse] }) byGroup!: CampaignCoverageByKeyResponse[];
  @ApiProperty({ type: [CampaignCoverageByKeyResponse] }) byProvince!: CampaignCoverageByKeyResponse[];
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class CampaignProductResponse {
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'uuid' }) producerId!: string;
  @ApiProperty() producerName!: string;
  @ApiProperty() group!: string;
  @ApiProperty() province!: string;
  @ApiProperty({ minimum: 3, maximum: 5 }) stars!: number;
  @ApiProperty({ enum: PRODUCT_STATES }) state!: ProductState;
  @ApiProperty() atRisk!: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) assignedBranchId!: string | null;
  @ApiProperty({ type: String, nullable: true }) assignedBranchName!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) streamerUserId!: string | null;
  @ApiProperty({ type: String, nullable: true }) streamerName!: string | null;
  @ApiProperty() units!: number;
  @ApiProperty() gmvVnd!: number;
  @ApiProperty() settledGmvVnd!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) nextSessionAt!: string | null;
}

export class CampaignProductPageResponse {
  @ApiProperty({ type: [CampaignProductResponse] }) items!: CampaignProductResponse[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}

export class ProgressPointResponse {
  @ApiProperty({ format: 'date' }) day!: string;
  @ApiProperty() streamed!: number;
  @ApiProperty() sold!: number;
  @ApiProperty() gmvVnd!: number;
  @ApiProperty({ description: 'The straight line to the target: products covered by the end of this day' })
  targetProducts!: number;
}

export class ProgressSeriesResponse {
  @ApiProperty() key!: string;
  @ApiProperty() label!: string;
  @ApiProperty() targetProducts!: number;
  @ApiProperty({ type: [ProgressPointResponse] }) points!: ProgressPointResponse[];
}

export class ProgressResponse {
  @ApiProperty({ format: 'uuid' }) campaignId!: string;
  @ApiProperty({ format: 'uuid' }) branchId!: string;
  @ApiProperty({ enum: ['total', 'branch', 'group'] }) by!: 'total' | 'branch' | 'group';
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ type: [ProgressSeriesResponse] }) series!: ProgressSeriesResponse[];
}

export class VolunteerResponse {
  @ApiProperty({ format: 'uuid' }) hostUserId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ format: 'uuid' }) branchId!: string;
  @ApiProperty() branchName!: string;
  @ApiProperty() sessionsHeld!: number;
  @ApiProperty() hoursOnAir!: number;
  @ApiProperty() gmvVnd!: number;
}

export class CampaignReportResponse {
  @ApiProperty({ format: 'uuid' }) campaignId!: string;
  @ApiProperty() campaignName!: string;
  @ApiProperty({ format: 'uuid' }) branchId!: string;
  @ApiProperty() branchName!: string;
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty() targetProducts!: number;
  @ApiProperty() sessionsHeld!: number;
  @ApiProperty() productsStreamed!: number;
  @ApiProperty() productsSold!: number;
  @ApiProperty() unitsSold!: number;
  @ApiProperty() placedGmvVnd!: number;
  @ApiProperty() settledGmvVnd!: number;
  @ApiProperty() volunteers!: number;
  @ApiProperty() hoursOnAir!: number;
  @ApiProperty() farmersReached!: number;
  @ApiProperty({ type: [BranchCoverageResponse] }) byBranch!: BranchCoverageResponse[];
  @ApiProperty({ type: [VolunteerResponse] }) streamers!: VolunteerResponse[];
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
}

export class UpcomingSessionResponse {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'date-time' }) scheduledStartAt!: string;
  @ApiProperty() hostName!: string;
}

export class FarmerCampaignProductResponse {
  @ApiProperty({ format: 'uuid' }) campaignId!: string;
  @ApiProperty() campaignName!: string;
  @ApiProperty() branchName!: string;
  @ApiProperty({ format: 'date' }) startsOn!: string;
  @ApiProperty({ format: 'date' }) endsOn!: string;
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty() productName!: string;
  @ApiProperty({ enum: PRODUCT_STATES }) state!: ProductState;
  @ApiProperty({ type: String, nullable: true }) assignedBranchName!: string | null;
  @ApiProperty({
    type: [UpcomingSessionResponse],
    description: 'The sessions scheduled (not yet started) whose lineup holds the product, soonest first',
  })
  upcoming!: UpcomingSessionResponse[];
  @ApiProperty() units!: number;
  @ApiProperty() gmvVnd!: number;
}
