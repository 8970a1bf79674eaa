import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LEADERBOARD_KINDS, SALES_GROUPS } from './reports.request';

// OpenAPI shapes of the report answers (application/views.ts holds the types the services return).

export class FiguresResponse {
  @ApiProperty({ description: 'Orders placed, net of cancellations and refunds' }) orders!: number;
  @ApiProperty({ description: 'Items placed, net' }) items!: number;
  @ApiProperty({ description: 'Placed GMV, whole đồng, net' }) placedGmvVnd!: number;
  @ApiProperty({ description: 'Settled GMV (paid and delivered), whole đồng, net' }) settledGmvVnd!: number;
}

export class BranchFiguresResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'HN-GLA' }) code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() type!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for the branch asked for' })
  parentId!: string | null;
  @ApiProperty({ description: '0 for the branch asked for, 1 for its children, ...' }) depth!: number;
  @ApiProperty({ type: FiguresResponse, description: 'Sales credited to the branch itself' })
  own!: FiguresResponse;
  @ApiProperty({
    type: FiguresResponse,
    description: 'Sales whose path at the time of sale passes through the branch (itself included)',
  })
  subtree!: FiguresResponse;
}

export class BranchTotalsResponse {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ format: 'uuid' }) branchId!: string;
  @ApiProperty({
    type: [BranchFiguresResponse],
    description: 'The branch first, then its subtree depth first',
  })
  branches!: BranchFiguresResponse[];
}

export class BranchTrendDayResponse {
  @ApiProperty({ format: 'date', description: 'A Vietnam calendar day' }) day!: string;
  @ApiProperty({ type: FiguresResponse, description: 'Sales credited to the branch itself that day' })
  own!: FiguresResponse;
  @ApiProperty({
    type: FiguresResponse,
    description: 'Sales that day whose path at the time of sale passes through the branch (itself included)',
  })
  subtree!: FiguresResponse;
}

export class BranchTrendResponse {
  @ApiProperty({ format: 'uuid' }) branchId!: string;
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({
    type: [BranchTrendDayResponse],
    description: 'Every day of the period in order, from `from` to `to`; zeros for a day without sales',
  })
  days!: BranchTrendDayResponse[];
}

export class LeaderboardItemResponse extends FiguresResponse {
  @ApiProperty() rank!: number;
  @ApiPropertyOptional({ format: 'uuid', description: 'by=branch' }) branchId?: string;
  @ApiPropertyOptional({ description: 'by=branch' }) code?: string;
  @ApiPropertyOptional({ description: 'by=branch' }) name?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'by=streamer' }) hostUserId?: string;
  @ApiPropertyOptional({ description: 'by=streamer' }) displayName?: string;
}

export class LeaderboardResponse {
  @ApiProperty({ enum: LEADERBOARD_KINDS }) by!: string;
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiPropertyOptional({ enum: ['own', 'subtree'], description: 'by=branch' }) ranking?: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'by=branch' })
  parentId?: string | null;
  @ApiPropertyOptional({ format: 'uuid', description: 'by=streamer: the subtree counted' }) branchId?: string;
  @ApiProperty({ type: [LeaderboardItemResponse] }) items!: LeaderboardItemResponse[];
}

export class SalesRowResponse extends FiguresResponse {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      'The product, session or branch; null for sales outside any session or credited to no branch',
  })
  id!: string | null;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
}

export class FarmerSalesResponse {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ enum: SALES_GROUPS }) groupBy!: string;
  @ApiProperty({ type: FiguresResponse, description: 'All your sales in the period, each order once' })
  total!: FiguresResponse;
  @ApiProperty({
    type: [SalesRowResponse],
    description: 'By product, `orders` counts the orders that contain the product',
  })
  rows!: SalesRowResponse[];
}

export class SessionProductResponse extends FiguresResponse {
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty() name!: string;
}

export class SessionSummaryResponse extends FiguresResponse {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ format: 'uuid' }) hostUserId!: string;
  @ApiProperty() hostName!: string;
  @ApiProperty({ format: 'uuid' }) branchId!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endedAt!: string | null;
  @ApiProperty({ description: 'Distinct buyers with at least one order line not cancelled or refunded' })
  uniqueBuyers!: number;
  @ApiProperty({ description: 'Distinct viewers (estimate within 1%)' }) uniqueViewers!: number;
  @ApiProperty() peakViewers!: number;
  @ApiProperty({ description: 'Viewers now (0 once the session is over)' }) viewersNow!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'uniqueBuyers / uniqueViewers; null with no viewers',
  })
  conversion!: number | null;
  @ApiProperty({ type: [SessionProductResponse] }) products!: SessionProductResponse[];
}
