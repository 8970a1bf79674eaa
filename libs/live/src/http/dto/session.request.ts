import { MultilineText } from '@ocop/kernel';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { OCOP_GROUPS } from '@ocop/catalogue';
import {
  DESCRIPTION_MAX,
  EXTERNAL_URL_MAX,
  LINEUP_MAX,
  LINEUP_MIN,
  LISTING_LIMIT_MAX,
  LISTING_LIMIT_MIN,
  STAFF_ROLES,
  StaffRole,
  TITLE_MAX,
  TITLE_MIN,
} from '../../domain';
import { PageQuery, Trim } from '@ocop/http';

const INSTANT_RE = /(Z|[+-]\d{2}:\d{2})$/;
const INSTANT_MESSAGE =
  'scheduledStartAt must be an ISO 8601 instant with a time zone, e.g. 2025-12-01T19:30:00+07:00';

const LIMIT_DOC = {
  type: 'integer',
  nullable: true,
  minimum: LISTING_LIMIT_MIN,
  maximum: LISTING_LIMIT_MAX,
  description: 'The most units one buyer may take of the product in this session; null for no limit',
} as const;

export class PerBuyerLimitRequest {
  @ApiProperty(LIMIT_DOC)
  @ValidateIf((o: { perBuyerLimit?: unknown }) => o.perBuyerLimit !== null)
  @IsInt()
  @Min(LISTING_LIMIT_MIN)
  @Max(LISTING_LIMIT_MAX)
  perBuyerLimit!: number | null;
}

/** The per-buyer limit of one lineup product. */
export class ListingLimitRequest extends PerBuyerLimitRequest {
  @ApiProperty({ format: 'uuid', description: 'A product of the lineup' })
  @IsUUID('all')
  productId!: string;
}

export class CreateSessionRequest {
  @ApiProperty({ example: 'Đêm gốm Bát Tràng', minLength: TITLE_MIN, maxLength: TITLE_MAX })
  @Trim()
  @IsString()
  @Length(TITLE_MIN, TITLE_MAX)
  title!: string;

  @MultilineText()
  @ApiPropertyOptional({ maxLength: DESCRIPTION_MAX })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(DESCRIPTION_MAX)
  description?: string;

  @ApiProperty({ example: '2025-12-01T19:30:00+07:00', description: 'In the future, at most 90 days ahead' })
  @IsString()
  @IsISO8601({ strict: true, strictSeparator: true }, { message: INSTANT_MESSAGE })
  @Matches(INSTANT_RE, { message: INSTANT_MESSAGE })
  scheduledStartAt!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A processed session-cover upload of mine' })
  @IsOptional()
  @IsUUID('all')
  coverAssetId?: string;

  @ApiProperty({ type: [String], format: 'uuid', minItems: LINEUP_MIN, maxItems: LINEUP_MAX })
  @IsArray()
  @ArrayMinSize(LINEUP_MIN)
  @ArrayMaxSize(LINEUP_MAX)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  lineup!: string[];

  @ApiPropertyOptional({
    type: [ListingLimitRequest],
    maxItems: LINEUP_MAX,
    description: 'Per-buyer limits of lineup products ("max N per person"); products not named have none',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LINEUP_MAX)
  @ValidateNested({ each: true })
  @Type(() => ListingLimitRequest)
  perBuyerLimits?: ListingLimitRequest[];

  @ApiPropertyOptional({
    maxLength: EXTERNAL_URL_MAX,
    example: 'https://www.youtube.com/live/dQw4w9WgXcQ',
    description:
      'A stream hosted elsewhere, shown instead of our own: an https HLS playlist (.m3u8), or a YouTube, Facebook or TikTok live',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(EXTERNAL_URL_MAX)
  externalStreamUrl?: string;
}

/** Everything optional; status, host and branch are never editable here (unknown fields are a 400). */
export class UpdateSessionRequest {
  @ApiPropertyOptional({ minLength: TITLE_MIN, maxLength: TITLE_MAX })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(TITLE_MIN, TITLE_MAX)
  title?: string;

  @MultilineText()
  @ApiPropertyOptional({ maxLength: DESCRIPTION_MAX })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(DESCRIPTION_MAX)
  description?: string;

  @ApiPropertyOptional({ example: '2025-12-01T19:30:00+07:00' })
  @IsOptional()
  @IsString()
  @IsISO8601({ strict: true, strictSeparator: true }, { message: INSTANT_MESSAGE })
  @Matches(INSTANT_RE, { message: INSTANT_MESSAGE })
  scheduledStartAt?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'A processed session-cover upload of mine; null removes the cover',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID('all')
  coverAssetId?: string | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid', minItems: LINEUP_MIN, maxItems: LINEUP_MAX })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(LINEUP_MIN)
  @ArrayMaxSize(LINEUP_MAX)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  lineup?: string[];

  @ApiPropertyOptional({
    type: [ListingLimitRequest],
    maxItems: LINEUP_MAX,
    description: 'Per-buyer limits of lineup products ("max N per person"); products not named keep theirs',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LINEUP_MAX)
  @ValidateNested({ each: true })
  @Type(() => ListingLimitRequest)
  perBuyerLimits?: ListingLimitRequest[];

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: EXTERNAL_URL_MAX,
    description: 'Link a stream hosted elsewhere (as at creation), or null to stream through OCOP Live again',
  })
  @IsOptional()
  @ValidateIf((o: { externalStreamUrl?: unknown }) => o.externalStreamUrl !== null)
  @Trim()
  @IsString()
  @MaxLength(EXTERNAL_URL_MAX)
  externalStreamUrl?: string | null;
}

export const LISTING_STATUSES = ['live', 'upcoming', 'past'] as const;

export class ListSessionsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: LISTING_STATUSES })
  @IsOptional()
  @IsIn(LISTING_STATUSES)
  status?: (typeof LISTING_STATUSES)[number];

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Sessions of hosts from this branch or any branch below it',
  })
  @IsOptional()
  @IsUUID('all')
  branchId?: string;

  @ApiPropertyOptional({
    enum: OCOP_GROUPS,
    description: 'Sessions whose lineup has a product of this OCOP group',
  })
  @IsOptional()
  @IsIn(OCOP_GROUPS)
  group?: string;

  @ApiPropertyOptional({
    description: 'Words the title holds, with or without Vietnamese diacritics',
    example: 'gom bat trang',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class StaffRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  userId!: string;

  @ApiProperty({ enum: STAFF_ROLES })
  @IsIn(STAFF_ROLES)
  role!: StaffRole;
}

export class PinRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  productId!: string;
}
