import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery, Trim } from '@ocop/http';
import { IsEmpty, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import {
  ENTRY_KINDS,
  EntryKind,
  PAYOS_PAYOUT_STATUSES,
  PAYOUT_BANK_BINS,
  PayosPayoutStatus,
} from '../domain';

export class RecordPayoutRequest {
  @ApiProperty({ minimum: 1, description: 'Whole đồng paid to the producer; at most the balance' })
  @IsInt()
  @Min(1)
  @Max(10_000_000_000)
  amountVnd!: number;

  @ApiProperty({
    example: 'FT25341000111222',
    minLength: 1,
    maxLength: 100,
    description:
      "The bank's reference of the transfer; recording the same reference again answers the same payout",
  })
  @Trim()
  @IsString()
  @Length(1, 100)
  @Matches(/\S/, { message: 'reference must not be blank' })
  reference!: string;
}

export class ProducerBalanceResponse {
  @ApiProperty({ format: 'uuid' }) producerId!: string;
  @ApiProperty() producerName!: string;
  @ApiProperty({ format: 'uuid' }) branchId!: string;
  @ApiProperty({ description: 'What the platform owes the producer now: sales − refunds − fees − payouts' })
  balanceVnd!: number;
  @ApiProperty() salesVnd!: number;
  @ApiProperty() refundsVnd!: number;
  @ApiProperty() feesVnd!: number;
  @ApiProperty() payoutsVnd!: number;
}

export class LedgerEntryPayosResponse {
  @ApiProperty({
    enum: PAYOS_PAYOUT_STATUSES,
    description: 'pending: payOS is making it; failed: given back by a reversal',
  })
  status!: PayosPayoutStatus;
  @ApiProperty({ type: String, nullable: true, description: "The bank's reference once paid" })
  bankReference!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "payOS's code when it could not pay" })
  errorCode!: string | null;
}

export class LedgerEntryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ENTRY_KINDS }) kind!: EntryKind;
  @ApiProperty({ description: 'Signed whole đồng: a sale adds, a refund, fee or payout takes away' })
  amountVnd!: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) orderId!: string | null;
  @ApiProperty({ type: String, nullable: true }) orderCode!: string | null;
  @ApiProperty({ type: String, nullable: true }) payoutReference!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({
    type: LedgerEntryPayosResponse,
    nullable: true,
    description: 'A payout made through payOS (and its reversal): where it stands; null for other entries',
  })
  payos!: LedgerEntryPayosResponse | null;
}

export class LedgerEntryPageResponse {
  @ApiProperty({ type: LedgerEntryResponse, isArray: true }) items!: LedgerEntryResponse[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}

export class PayoutAccountResponse {
  @ApiProperty({ example: '970436', description: "The bank's NAPAS BIN" }) bankBin!: string;
  @ApiProperty({ example: 'Vietcombank' }) bankName!: string;
  @ApiProperty({ example: '0011001234567' }) accountNumber!: string;
  @ApiProperty({
    example: 'NGUYEN THI HOA',
    description: 'As the bank holds it: capitals without diacritics',
  })
  accountName!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class ProducerLedgerResponse {
  @ApiProperty({ type: ProducerBalanceResponse }) balance!: ProducerBalanceResponse;
  @ApiProperty({ type: LedgerEntryPageResponse }) entries!: LedgerEntryPageResponse;
  @ApiProperty({
    type: PayoutAccountResponse,
    nullable: true,
    description: 'Where payouts through payOS go; null until the farmer gives one',
  })
  payoutAccount!: PayoutAccountResponse | null;
}

export class SavePayoutAccountRequest {
  @ApiProperty({
    enum: PAYOUT_BANK_BINS,
    example: '970436',
    description: "The bank's NAPAS BIN (GET payout-banks)",
  })
  @IsString()
  @IsIn(PAYOUT_BANK_BINS, { message: 'bankBin must be one of the banks payouts can reach' })
  bankBin!: string;

  @ApiProperty({ example: '0011001234567', pattern: '^[0-9]{6,19}$' })
  @IsString()
  @Matches(/^[0-9]{6,19}$/, { message: 'accountNumber must be 6 to 19 digits' })
  accountNumber!: string;

  @ApiProperty({
    example: 'Nguyễn Thị Hoà',
    minLength: 2,
    maxLength: 50,
    description:
      'The holder\'s name; kept as the bank holds it (capitals without diacritics: "NGUYEN THI HOA")',
  })
  @Trim()
  @IsString()
  @Length(2, 50)
  accountName!: string;
}

export class PayoutBankResponse {
  @ApiProperty({ example: '970436' }) bin!: string;
  @ApiProperty({ example: 'VCB' }) code!: string;
  @ApiProperty({ example: 'Vietcombank' }) name!: string;
}

export class PayosPayoutRequest {
  @ApiProperty({
    minimum: 1,
    description: "Whole đồng to pay to the producer's payout account; at most the balance",
  })
  @IsInt()
  @Min(1)
  @Max(10_000_000_000)
  amountVnd!: number;
}

export class PayosPayoutResponse {
  @ApiProperty({ format: 'uuid', description: "The payout's ledger entry (payOS's reference id)" })
  entryId!: string;
  @ApiProperty({ format: 'uuid' }) producerId!: string;
  @ApiProperty() amountVnd!: number;
  @ApiProperty({ enum: PAYOS_PAYOUT_STATUSES }) status!: PayosPayoutStatus;
  @ApiProperty() toBin!: string;
  @ApiProperty() toAccountNumber!: string;
  @ApiProperty() toAccountName!: string;
  @ApiProperty({ type: String, nullable: true }) bankReference!: string | null;
  @ApiProperty({ type: String, nullable: true }) errorCode!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) settledAt!: string | null;
}

export class LedgerQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: ['csv'],
    description:
      'csv: every entry, oldest first, with the balance after each, as a CSV attachment (UTF-8 with a byte order mark, RFC 4180)',
  })
  @IsOptional()
  @IsIn(['csv'])
  format?: 'csv';
}

export class RefundPayoutResponse {
  @ApiProperty({ format: 'uuid', description: "The refund payout's id (payOS's reference id)" })
  id!: string;
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty({ description: 'Whole đồng: what the order was paid' }) amountVnd!: number;
  @ApiProperty({ enum: PAYOS_PAYOUT_STATUSES }) status!: PayosPayoutStatus;
  @ApiProperty({ description: "The payer's bank (NAPAS BIN), from the transfer that paid the order" })
  toBin!: string;
  @ApiProperty() toAccountNumber!: string;
  @ApiProperty({ description: "The holder's name as the payer's bank sent it (may be empty)" })
  toAccountName!: string;
  @ApiProperty({ type: String, nullable: true, description: "payOS's reference of the transfer, once paid" })
  bankReference!: string | null;
  @ApiProperty({ type: String, nullable: true }) errorCode!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) settledAt!: string | null;
}

/**
 * A refund through payOS takes no fields: the amount is what the order was paid and the account is the one the
 * transfer came from, so any field (an amount above all) is refused (400).
 */
export class PayosRefundRequest {
  @ApiPropertyOptional({
    description: 'Never given: a refund through payOS is always what the order was paid',
    nullable: true,
    type: Number,
  })
  @IsOptional()
  @IsEmpty({ message: 'amountVnd cannot be given: the refund is what the order was paid' })
  amountVnd?: null;
}
