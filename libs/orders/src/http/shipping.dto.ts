import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_CHECKOUT_LINES, MAX_FREE_FROM_VND, MAX_SHIPPING_FEE_VND } from '../domain';
import { CheckoutLineRequest } from './checkout.request';

export class ShippingRateRequest {
  @ApiProperty({
    minimum: 0,
    maximum: MAX_SHIPPING_FEE_VND,
    example: 30000,
    description: 'Per order, whole đồng',
  })
  @IsInt()
  @Min(0)
  @Max(MAX_SHIPPING_FEE_VND)
  flatFeeVnd!: number;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: MAX_FREE_FROM_VND,
    example: 300000,
    description: "Free shipping when an order's goods reach this amount; null: never free",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_FREE_FROM_VND)
  freeFromVnd?: number | null;
}

export class ShippingRateResponse {
  @ApiProperty() flatFeeVnd!: number;
  @ApiProperty({ type: Number, nullable: true }) freeFromVnd!: number | null;
}

export class CheckoutQuoteRequest {
  @ApiProperty({ type: [CheckoutLineRequest], minItems: 1, maxItems: MAX_CHECKOUT_LINES })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CHECKOUT_LINES)
  @ValidateNested({ each: true })
  @Type(() => CheckoutLineRequest)
  lines!: CheckoutLineRequest[];

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The session whose running flash deals price the lines',
  })
  @IsOptional()
  @IsUUID('all')
  sessionId?: string;
}

export class QuoteOrderResponse {
  @ApiProperty({ format: 'uuid' }) producerId!: string;
  @ApiProperty() producerName!: string;
  @ApiProperty({ type: [String], format: 'uuid' }) productIds!: string[];
  @ApiProperty() goodsVnd!: number;
  @ApiProperty() shippingFeeVnd!: number;
  @ApiProperty() totalVnd!: number;
  @ApiProperty() flatFeeVnd!: number;
  @ApiProperty({ type: Number, nullable: true }) freeFromVnd!: number | null;
}

export class CheckoutQuoteResponse {
  @ApiProperty({ type: [QuoteOrderResponse], description: 'One order per producer' })
  orders!: QuoteOrderResponse[];
  @ApiProperty({ type: [String], format: 'uuid', description: 'Products not on sale now' })
  unavailable!: string[];
  @ApiProperty() goodsVnd!: number;
  @ApiProperty() shippingFeeVnd!: number;
  @ApiProperty({ description: 'What the buyer pays in all (the courier collects it for cash on delivery)' })
  totalVnd!: number;
}

export class ProvinceCodeParam {
  @ApiProperty({ example: 'ha-noi', description: 'One of the 34 province codes (GET /api/provinces)' })
  @IsString()
  @Matches(/^[a-z0-9-]{2,40}$/)
  code!: string;
}

export class WardResponse {
  @ApiProperty({ example: '00577', description: 'The official code of the unit' }) code!: string;
  @ApiProperty({ example: 'Xã Bát Tràng' }) name!: string;
}
