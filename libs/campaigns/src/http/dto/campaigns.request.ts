import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, PageQuery } from '@ocop/http';
import { PRODUCT_STATES } from '../../domain';

const GROUPS = [
  'food',
  'beverages',
  'herbs',
  'textiles_garments',
  'handicrafts_souvenirs_decoration',
  'rural_tourism_services',
] as const;

export class ProductFiltersBody {
  @ApiPropertyOptional({ type: [String], description: 'Province codes of the producers' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(63)
  @IsString({ each: true })
  @Length(2, 40, { each: true })
  provinces?: string[];

  @ApiPropertyOptional({ enum: GROUPS, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(GROUPS, { each: true })
  groups?: string[];

  @ApiPropertyOptional({ type: [Number], description: 'OCOP stars (3, 4, 5)' })
  @IsOptional()
  @IsArray()
  @IsInt({ each: true })
  @Min(3, { each: true })
  @Max(5, { each: true })
  stars?: number[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  producerIds?: string[];
}

export class TargetSelectionBody {
  @ApiPropertyOptional({ type: ProductFiltersBody })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProductFiltersBody)
  filters?: ProductFiltersBody;

  @ApiPropertyOptional({ type: [String], description: 'Products chosen by hand' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20_000)
  @IsUUID('all', { each: true })
  productIds?: string[];
}

export class CreateCampaignBody extends TargetSelectionBody {
  @ApiProperty({ example: '579 sản phẩm OCOP' }) @IsString() @Length(2, 200) name!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The running branch (default: yours)' })
  @IsOptional()
  @IsUUID('all')
  branchId?: string;
  @ApiProperty({ format: 'date' }) @IsCalendarDate() startsOn!: string;
  @ApiProperty({ format: 'date' }) @IsCalendarDate() endsOn!: string;
  @ApiPropertyOptional({ minimum: 0, maximum: 90, default: 7 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(90)
  atRiskDays?: number;
}

export class UpdateCampaignBody {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(2, 200) name?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsCalendarDate() startsOn?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsCalendarDate() endsOn?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(90) atRiskDays?: number;
}

/** Targets are whole numbers; one below zero is refused by the domain (CAMPAIGN_TARGET_BELOW_ZERO). */
export class BranchTargetsBody {
  @ApiProperty() @IsInt() products!: number;
  @ApiProperty() @IsInt() sessions!: number;
  @ApiProperty() @IsInt() gmvVnd!: number;
  @ApiProperty() @IsInt() volunteers!: number;
}

export class AssignBody {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  productIds!: string[];
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') branchId!: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') streamerUserId?: string;
}

export class AdoptBody {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') sessionId!: string;
}

export class CampaignIdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') id!: string;
}

export class CampaignProductParam extends CampaignIdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') productId!: string;
}

export class CampaignBranchParam extends CampaignIdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') branchId!: string;
}

export class ScopeQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') branchId?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsCalendarDate() from?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsCalendarDate() to?: string;
}

export class ProductsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') branchId?: string;
  @ApiPropertyOptional({ enum: PRODUCT_STATES })
  @IsOptional()
  @IsIn(PRODUCT_STATES)
  state?: (typeof PRODUCT_STATES)[number];
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  atRisk?: boolean;
}

export class ProgressQuery extends ScopeQueryDto {
  @ApiPropertyOptional({ enum: ['total', 'branch', 'group'] })
  @IsOptional()
  @IsIn(['total', 'branch', 'group'])
  by?: 'total' | 'branch' | 'group';
}

export class ReportQuery extends ScopeQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'csv', 'html'] })
  @IsOptional()
  @IsIn(['json', 'csv', 'html'])
  format?: 'json' | 'csv' | 'html';
}

export class CampaignRoomPayload {
  @IsUUID('all') campaignId!: string;
}
