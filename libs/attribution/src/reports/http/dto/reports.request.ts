import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { IsCalendarDate } from '@ocop/http';
import { DEFAULT_PERIOD_DAYS, MAX_PERIOD_DAYS } from '../../domain';

// Query shapes only: unknown fields are refused by the global pipe; the period rules (from <= to, at most 366
// days) are the domain's resolvePeriod.

export const EXPORT_FORMATS = ['json', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const LEADERBOARD_KINDS = ['branch', 'streamer'] as const;
export const SALES_GROUPS = ['product', 'session', 'branch'] as const;
export const MAX_LEADERBOARD = 100;

export class PeriodQuery {
  @ApiPropertyOptional({
    format: 'date',
    example: '2025-11-01',
    description: `First day, Vietnam calendar (default: ${DEFAULT_PERIOD_DAYS} days before \`to\`, inclusive)`,
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2025-11-30',
    description: `Last day, included (default: today in Vietnam). At most ${MAX_PERIOD_DAYS} days in all`,
  })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

export class ExportablePeriodQuery extends PeriodQuery {
  @ApiPropertyOptional({
    enum: EXPORT_FORMATS,
    default: 'json',
    description:
      'csv: the same report as a CSV attachment (text/csv, UTF-8 with a byte order mark, RFC 4180)',
  })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;
}

export class BranchTotalsQuery extends ExportablePeriodQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'A branch of your subtree (default: your scope root)' })
  @IsOptional()
  @IsUUID('all')
  branchId?: string;
}

export class BranchTrendQuery extends PeriodQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'A branch of your subtree (default: your scope root)' })
  @IsOptional()
  @IsUUID('all')
  branchId?: string;
}

export class LeaderboardQuery extends PeriodQuery {
  @ApiPropertyOptional({ enum: LEADERBOARD_KINDS, default: 'branch' })
  @IsOptional()
  @IsIn(LEADERBOARD_KINDS)
  by: (typeof LEADERBOARD_KINDS)[number] = 'branch';

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_LEADERBOARD, default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_LEADERBOARD)
  limit: number = 10;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'by=branch: rank the direct children of this branch by their subtree figures (without it, every branch of ' +
      'your subtree by its own figures, so a union does not outrank its cells through them). by=streamer: count ' +
      "only sales credited inside this branch's subtree (default: your whole subtree)",
  })
  @IsOptional()
  @IsUUID('all')
  parentId?: string;
}

export class FarmerSalesQuery extends ExportablePeriodQuery {
  @ApiPropertyOptional({ enum: SALES_GROUPS, default: 'product' })
  @IsOptional()
  @IsIn(SALES_GROUPS)
  groupBy: (typeof SALES_GROUPS)[number] = 'product';

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this product of yours' })
  @IsOptional()
  @IsUUID('all')
  productId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only sales made in this session' })
  @IsOptional()
  @IsUUID('all')
  sessionId?: string;
}
