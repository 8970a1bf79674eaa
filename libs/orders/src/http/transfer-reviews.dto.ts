import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { Trim } from '@ocop/http';
import { ORDER_STATUSES, OrderStatus } from '../domain';

/** The OpenAPI shapes of the review of VietQR transfers held for review (names start with HeldTransfer: global). */
export class RefundHeldTransferRequest {
  @ApiProperty({
    example: 'FT25341987654321',
    minLength: 1,
    maxLength: 100,
    description: "The bank's reference of the transfer that sent the money back to the payer",
  })
  @Trim()
  @IsString()
  @Length(1, 100)
  @Matches(/\S/, { message: 'bankReference must not be blank' })
  // eslint-disable-next-line no-control-regex
  @Matches(/^[^\u0000-\u001f\u007f-\u009f]*$/, {
    message: 'bankReference must not contain control characters',
  })
  bankReference!: string;

  @ApiPropertyOptional({
    minimum: 1,
    description: 'Whole đồng sent back; what the transfer brought when left out (never more)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000_000_000)
  amountVnd?: number;
}

/** Accepting a transfer: the body may be empty; the amount the admin saw, when sent, must be what it brought. */
export class ReinstateHeldTransferRequest {
  @ApiPropertyOptional({
    minimum: 1,
    description: 'Whole đồng the admin confirms the transfer brought (refused when it differs)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000_000_000)
  amountVnd?: number;
}

export class HeldTransferOrderResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'DH7K2M9Q' }) code!: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status!: OrderStatus;
  @ApiProperty() totalVnd!: number;
}

export class HeldTransferPayerResponse {
  @ApiProperty({ type: String, nullable: true, example: 'NGUYEN VAN A' }) name!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '9704000000000018' }) accountNumber!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Vietcombank' }) bankName!: string | null;
}

export class HeldTransferBuyerResponse {
  @ApiProperty() name!: string;
  @ApiProperty({ example: '+84912345678' }) phone!: string;
}

export const HELD_TRANSFER_REASONS = [
  'amount_mismatch',
  'after_expiry',
  'payment_canceled',
  'already_paid',
  'under_review',
  'payment_closed',
] as const;

export class HeldTransferResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time', description: 'When payOS told us of the transfer' })
  receivedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the bank made it' })
  transferredAt!: string | null;
  @ApiProperty({ description: 'Whole đồng the transfer brought' }) amountVnd!: number;
  @ApiProperty({ description: 'Whole đồng the payment was for' }) amountDueVnd!: number;
  @ApiProperty({ enum: HELD_TRANSFER_REASONS }) reason!: string;
  @ApiProperty({ description: 'This transfer holds its payment (else it is extra money to send back)' })
  holdsPayment!: boolean;
  @ApiProperty({ description: 'It may be accepted as the payment (else it can only be refunded)' })
  canReinstate!: boolean;
  @ApiProperty({ description: "The payer's bank reference of the transfer" }) bankReference!: string;
  @ApiProperty({ type: HeldTransferPayerResponse }) payer!: HeldTransferPayerResponse;
  @ApiProperty({ type: HeldTransferBuyerResponse, nullable: true }) buyer!: HeldTransferBuyerResponse | null;
  @ApiProperty({ type: [HeldTransferOrderResponse] }) orders!: HeldTransferOrderResponse[];
}

export class HeldTransferListResponse {
  @ApiProperty({ type: [HeldTransferResponse] }) items!: HeldTransferResponse[];
}

export class HeldTransferDecisionResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['refunded', 'reinstated'] }) decision!: 'refunded' | 'reinstated';
  @ApiProperty({ type: Number, nullable: true }) refundAmountVnd!: number | null;
  @ApiProperty({ type: [HeldTransferOrderResponse] }) orders!: HeldTransferOrderResponse[];
}
