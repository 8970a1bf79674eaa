import { MultilineText } from '@ocop/kernel';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  NotEquals,
  ValidateNested,
} from 'class-validator';
import {
  DECISION_NUMBER_RE,
  DESCRIPTION_MAX,
  MAX_PRICE_VND,
  MAX_STOCK,
  MAX_STOCK_DELTA,
  MIN_PRICE_VND,
  NAME_MAX,
  NAME_MIN,
  OCOP_GROUPS,
  OCOP_STARS,
  OcopGroup,
  OcopStars,
  PRODUCT_STATUSES,
  ProductStatus,
  REASON_MAX,
} from '../../domain';
import { IsCalendarDate, IsProvince, PageQuery, Trim } from '@ocop/http';

const DECISION_MESSAGE = 'decisionNumber must look like "1234/QĐ-UBND"';

export class CertificateRequest {
  @ApiProperty({ enum: OCOP_STARS, example: 4 })
  @IsInt()
  @IsIn(OCOP_STARS)
  stars!: OcopStars;

  @ApiProperty({ example: '1234/QĐ-UBND' })
  @Trim()
  @IsString()
  @MaxLength(60)
  @Matches(DECISION_NUMBER_RE, { message: DECISION_MESSAGE })
  decisionNumber!: string;

  @ApiProperty({ example: 'UBND Thành phố Hà Nội' })
  @Trim()
  @IsString()
  @Length(2, 200)
  issuingBody!: string;

  @ApiProperty({ example: '2024-03-15', description: 'Signing date (Vietnam calendar); valid 36 months' })
  @IsString()
  @IsCalendarDate()
  signedOn!: string;
}

export class UpdateCertificateRequest {
  @ApiPropertyOptional({ enum: OCOP_STARS })
  @IsOptional()
  @IsInt()
  @IsIn(OCOP_STARS)
  stars?: OcopStars;

  @ApiPropertyOptional({ example: '1234/QĐ-UBND' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(60)
  @Matches(DECISION_NUMBER_RE, { message: DECISION_MESSAGE })
  decisionNumber?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @Length(2, 200)
  issuingBody?: string;

  @ApiPropertyOptional({ example: '2024-03-15' })
  @IsOptional()
  @IsString()
  @IsCalendarDate()
  signedOn?: string;
}

export class CreateProductRequest {
  @ApiProperty({ example: 'Bình gốm men lam Bát Tràng' })
  @Trim()
  @IsString()
  @Length(NAME_MIN, NAME_MAX)
  name!: string;

  @MultilineText()
  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(DESCRIPTION_MAX)
  description?: string;

  @ApiProperty({ enum: OCOP_GROUPS })
  @IsIn(OCOP_GROUPS)
  group!: OcopGroup;

  @ApiProperty({ minimum: MIN_PRICE_VND, maximum: MAX_PRICE_VND, example: 150000, description: 'Whole đồng' })
  @IsInt()
  @Min(MIN_PRICE_VND)
  @Max(MAX_PRICE_VND)
  priceVnd!: number;

  @ApiProperty({ minimum: 0, example: 100 })
  @IsInt()
  @Min(0)
  @Max(MAX_STOCK)
  stock!: number;

  @ApiProperty({ type: CertificateRequest })
  @IsObject()
  @ValidateNested()
  @Type(() => CertificateRequest)
  certificate!: CertificateRequest;
}

/** Stock changes only through stock adjustments (a ledger row each), so `stock` is not editable here. */
export class UpdateProductRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @Length(NAME_MIN, NAME_MAX)
  name?: string;

  @MultilineText()
  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(DESCRIPTION_MAX)
  description?: string;

  @ApiPropertyOptional({ enum: OCOP_GROUPS })
  @IsOptional()
  @IsIn(OCOP_GROUPS)
  group?: OcopGroup;

  @ApiPropertyOptional({ minimum: MIN_PRICE_VND, maximum: MAX_PRICE_VND })
  @IsOptional()
  @IsInt()
  @Min(MIN_PRICE_VND)
  @Max(MAX_PRICE_VND)
  priceVnd?: number;

  @ApiPropertyOptional({
    type: UpdateCertificateRequest,
    description: 'Changing the certificate of an active product sends it back to verification',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => UpdateCertificateRequest)
  certificate?: UpdateCertificateRequest;
}

export class StockAdjustmentRequest {
  @ApiProperty({ example: -3, description: `Non-zero whole number, |delta| <= ${MAX_STOCK_DELTA}` })
  @IsInt()
  @NotEquals(0)
  @Min(-MAX_STOCK_DELTA)
  @Max(MAX_STOCK_DELTA)
  delta!: number;

  @MultilineText()
  @ApiProperty({ example: 'Hàng vỡ khi vận chuyển' })
  @Trim()
  @IsString()
  @Length(1, REASON_MAX)
  reason!: string;
}

export class ReasonRequest {
  @MultilineText()
  @ApiProperty({ example: 'Số quyết định không khớp với bản scan' })
  @Trim()
  @IsString()
  @Length(1, REASON_MAX)
  reason!: string;
}

export class BrowseProductsQuery extends PageQuery {
  @ApiPropertyOptional({
    description: 'Words to find, with or without Vietnamese diacritics',
    example: 'gom bat trang',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: OCOP_GROUPS })
  @IsOptional()
  @IsIn(OCOP_GROUPS)
  group?: OcopGroup;

  @ApiPropertyOptional({ enum: OCOP_STARS })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @IsIn(OCOP_STARS)
  stars?: OcopStars;

  @ApiPropertyOptional({ example: 'ha-noi', description: 'Province code or name' })
  @IsOptional()
  @IsString()
  @IsProvince()
  province?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  producerId?: string;
}

export class AdminProductsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PRODUCT_STATUSES })
  @IsOptional()
  @IsIn(PRODUCT_STATUSES)
  status?: ProductStatus;
}
