import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery, Trim } from '@ocop/http';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { ENTRY_KINDS, EntryKind } from '../domain';

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

export class LedgerEntryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ENTRY_KINDS }) kind!: EntryKind;
  @ApiProperty({ description: 'Signed whole đồng: a sale adds, a refund, fee or payout takes away' })
  amountVnd!: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) orderId!: string | null;
  @ApiProperty({ type: String, nullable: true }) orderCode!: string | null;
  @ApiProperty({ type: String, nullable: true }) payoutReference!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class LedgerEntryPageResponse {
  @ApiProperty({ type: LedgerEntryResponse, isArray: true }) items!: LedgerEntryResponse[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}

export class ProducerLedgerResponse {
  @ApiProperty({ type: ProducerBalanceResponse }) balance!: ProducerBalanceResponse;
  @ApiProperty({ type: LedgerEntryPageResponse }) entries!: LedgerEntryPageResponse;
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
