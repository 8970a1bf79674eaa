import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional, IsUUID } from 'class-validator';
import { IdParam } from '@ocop/http';
import {
  DEAL_MAX_COUNTDOWN_S,
  DEAL_MAX_DURATION_S,
  DEAL_MIN_DURATION_S,
  DEAL_MIN_PRICE_VND,
} from '../../domain';

// Shapes only: numbers must be numbers and unknown fields are refused by the global pipe; planDeal then checks the
// terms against the product and answers 400 DEAL_INVALID naming every broken field.
const FINITE = { allowNaN: false, allowInfinity: false };

export class StartDealRequest {
  @ApiProperty({ format: 'uuid', description: 'A sellable product of the session lineup' })
  @IsUUID('all')
  productId!: string;

  @ApiProperty({
    example: 99_000,
    minimum: DEAL_MIN_PRICE_VND,
    description: 'The deal price in whole đồng, below the list price',
  })
  @IsNumber(FINITE)
  priceVnd!: number;

  @ApiProperty({ example: 30, minimum: 1, description: "Units carved out of the product's stock" })
  @IsNumber(FINITE)
  quantity!: number;

  @ApiProperty({
    example: 2,
    minimum: 1,
    description: 'The most units one buyer may take, at most the quantity',
  })
  @IsNumber(FINITE)
  perBuyerLimit!: number;

  @ApiProperty({ example: 300, minimum: DEAL_MIN_DURATION_S, maximum: DEAL_MAX_DURATION_S })
  @IsNumber(FINITE)
  durationSeconds!: number;

  @ApiPropertyOptional({
    example: 60,
    minimum: 0,
    maximum: DEAL_MAX_COUNTDOWN_S,
    description: 'A countdown before the deal opens; none by default',
  })
  @IsOptional()
  @IsNumber(FINITE)
  countdownSeconds?: number;
}

export class SessionDealParam extends IdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  dealId!: string;
}
