import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
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
  ValidateNested,
} from 'class-validator';
import { PageQuery, Trim } from '@ocop/http';
import {
  AddressInput,
  MAX_CHECKOUT_LINES,
  MAX_LINE_QUANTITY,
  ORDER_STATUSES,
  OrderStatus,
  PAYMENT_METHODS,
  PaymentMethod,
} from '../domain';

// Shapes only: unknown fields (price, status, branchId, unitPriceVnd...) are refused by the global pipe, and the
// domain's validateCheckoutRequest then applies the business rules (phone, province, duplicates).

export class CheckoutLineRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  productId!: string;

  @ApiProperty({ minimum: 1, maximum: MAX_LINE_QUANTITY })
  @IsInt()
  @Min(1)
  @Max(MAX_LINE_QUANTITY)
  quantity!: number;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The flash deal the buyer tapped. Given, the line is at that deal price or refused (DEAL_ENDED, SOLD_OUT, BUYER_LIMIT_REACHED); omitted, an open deal on the product applies by itself',
  })
  @IsOptional()
  @IsUUID('all')
  dealId?: string;
}

export class DeliveryAddressRequest {
  @ApiProperty({ example: 'Nguyễn Thị Lan' })
  @IsString()
  @MaxLength(100)
  recipientName!: string;

  @ApiProperty({ example: '0912345678', description: 'A Vietnamese mobile number (+84 or 0, then 9 digits)' })
  @IsString()
  @MaxLength(20)
  phone!: string;

  @ApiProperty({ example: 'ha-noi', description: 'One of the 34 provinces and cities (code or name)' })
  @IsString()
  @MaxLength(100)
  province!: string;

  @ApiPropertyOptional({
    example: 'Xã Bát Tràng',
    description: 'The commune or ward (`ward` is accepted too)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  commune?: string;

  @ApiPropertyOptional({ description: 'Same as commune' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  ward?: string;

  @ApiProperty({ example: 'Thôn 1, số 12' })
  @IsString()
  @MaxLength(200)
  street!: string;
}

/** The address as the domain validates it: `commune` and `ward` name the same field. */
export function addressInput(body: Partial<DeliveryAddressRequest>): AddressInput {
  const { commune, ward, ...rest } = body;
  const input: AddressInput = { ...rest };
  if (commune !== undefined || ward !== undefined) input.ward = commune ?? ward;
  return input;
}

export class CheckoutRequestBody {
  @ApiProperty({ type: [CheckoutLineRequest], minItems: 1, maxItems: MAX_CHECKOUT_LINES })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CHECKOUT_LINES)
  @ValidateNested({ each: true })
  @Type(() => CheckoutLineRequest)
  lines!: CheckoutLineRequest[];

  @ApiPropertyOptional({ format: 'uuid', description: 'The live session or replay the purchase comes from' })
  @IsOptional()
  @IsUUID('all')
  sessionId?: string;

  @ApiProperty({ type: DeliveryAddressRequest })
  @IsObject()
  @ValidateNested()
  @Type(() => DeliveryAddressRequest)
  address!: DeliveryAddressRequest;

  @ApiProperty({ enum: PAYMENT_METHODS })
  @IsIn(PAYMENT_METHODS)
  paymentMethod!: PaymentMethod;

  @ApiPropertyOptional({ example: 'LAN2026' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  referralCode?: string;

  @ApiPropertyOptional({ example: 'h7Kq2mZp', description: "The streamer's share link the buyer followed" })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{6,32}$/)
  shareCode?: string;

  @ApiPropertyOptional({
    default: false,
    description:
      "Keep the delivery address in the buyer's address book once the orders are placed (skipped when the same address is already there or the book holds 10)",
  })
  @IsOptional()
  @IsBoolean()
  saveAddress?: boolean;
}

export class DeliverOrderRequest {
  @ApiPropertyOptional({
    minimum: 0,
    description:
      'Cash on delivery: the cash the courier collected, in whole đồng (must equal the order total)',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000_000)
  cashCollectedVnd?: number;
}

export class FarmerOrdersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ORDER_STATUSES })
  @IsOptional()
  @IsIn(ORDER_STATUSES)
  status?: OrderStatus;

  @ApiPropertyOptional({
    example: 'K7PQ4M2X',
    description: 'The order code the buyer reads out (spaces, dashes and case ignored)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  code?: string;
}

export class RecordRefundRequest {
  @ApiProperty({
    example: 'FT25341987654321',
    minLength: 1,
    maxLength: 100,
    description: "The bank's reference of the transfer that paid the refund",
  })
  @Trim()
  @IsString()
  @Length(1, 100)
  @Matches(/\S/, { message: 'bankReference must not be blank' })
  bankReference!: string;

  @ApiPropertyOptional({
    minimum: 1,
    description: "Whole đồng; the order's total when left out (orders are refunded in whole)",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000_000_000)
  amountVnd?: number;
}
