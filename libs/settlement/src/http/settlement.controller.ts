import { Body, Controller, Get, Param, Post, Put, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiExtraModels,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { AuthUser, Caller, Roles } from '@ocop/auth';
import { IdParam } from '@ocop/http';
import { PayosPayoutsService, PayosPayoutView } from '../application/payos-payouts.service';
import {
  LedgerEntryView,
  PayoutAccountView,
  ProducerBalanceView,
  ProducerLedgerView,
  SettlementService,
} from '../application/settlement.service';
import { csvAttachment } from './csv-file';
import { PAYOUT_BANKS } from '../domain';
import {
  LedgerEntryResponse,
  LedgerQuery,
  PayosPayoutRequest,
  PayosPayoutResponse,
  PayoutAccountResponse,
  PayoutBankResponse,
  ProducerBalanceResponse,
  ProducerLedgerResponse,
  RecordPayoutRequest,
  SavePayoutAccountRequest,
} from './settlement.dto';

const LEDGER_CONTENT = {
  'application/json': { schema: { $ref: getSchemaPath(ProducerLedgerResponse) } },
  'text/csv': {
    schema: { type: 'string', description: 'format=csv: UTF-8 with a byte order mark, RFC 4180' },
  },
};

/** The farmer's own settlement ledger: what the platform owes them, and why. */
@ApiTags('settlement')
@ApiBearerAuth()
@Roles('farmer')
@Controller('farmer/settlement')
export class FarmerSettlementController {
  constructor(
    private readonly settlement: SettlementService,
    private readonly payouts: PayosPayoutsService,
  ) {}

  @Get('payout-banks')
  @ApiOperation({ summary: 'The banks a payout account can be at (NAPAS BIN, short code, name)' })
  @ApiOkResponse({ type: PayoutBankResponse, isArray: true })
  banks(): PayoutBankResponse[] {
    return PAYOUT_BANKS.map((b) => ({ ...b }));
  }

  @Put('payout-account')
  @ApiOperation({
    summary:
      "Set the account the caller's producer is paid to (payouts through payOS); the holder's name is kept as the bank holds it. 400 PAYOUT_ACCOUNT_INVALID",
  })
  @ApiOkResponse({ type: PayoutAccountResponse })
  saveAccount(@Caller() user: AuthUser, @Body() body: SavePayoutAccountRequest): Promise<PayoutAccountView> {
    return this.payouts.saveFarmerAccount(user.id, body);
  }

  @Get()
  @ApiOperation({
    summary:
      "The caller's producer's balance and ledger entries, newest first; `format=csv` answers every entry as CSV",
  })
  @ApiExtraModels(ProducerLedgerResponse)
  @ApiOkResponse({ content: LEDGER_CONTENT })
  async ledger(
    @Caller() user: AuthUser,
    @Query() query: LedgerQuery,
  ): Promise<ProducerLedgerView | StreamableFile> {
    if (query.format === 'csv')
      return csvAttachment(await this.settlement.farmerCsv(user.id), 'settlement.csv');
    return this.settlement.farmerLedger(user.id, query);
  }
}

/** Admins: the producers of their subtree, their ledgers, and payouts made to them. Others' producers are 404. */
@ApiTags('settlement')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/settlement/producers')
export class AdminSettlementController {
  constructor(
    private readonly settlement: SettlementService,
    private readonly payouts: PayosPayoutsService,
  ) {}

  @Get()
  @ApiOperation({ summary: "Every producer of the caller's subtree with their balance" })
  @ApiOkResponse({ type: ProducerBalanceResponse, isArray: true })
  producers(@Caller() user: AuthUser): Promise<ProducerBalanceView[]> {
    return this.settlement.adminProducers(user.id);
  }

  @Get(':id')
  @ApiOperation({
    summary:
      "One producer's balance and ledger entries (404 outside the caller's subtree); `format=csv` answers every entry as CSV",
  })
  @ApiExtraModels(ProducerLedgerResponse)
  @ApiOkResponse({ content: LEDGER_CONTENT })
  async ledger(
    @Caller() user: AuthUser,
    @Param() params: IdParam,
    @Query() query: LedgerQuery,
  ): Promise<ProducerLedgerView | StreamableFile> {
    if (query.format === 'csv') {
      return csvAttachment(await this.settlement.adminCsv(user.id, params.id), `settlement_${params.id}.csv`);
    }
    return this.settlement.adminLedger(user.id, params.id, query);
  }

  @Post(':id/payouts')
  @ApiOperation({
    summary:
      'Record a payout made to the producer, with the bank reference (once per reference). 422 PAYOUT_EXCEEDS_BALANCE above the balance',
  })
  @ApiCreatedResponse({ type: LedgerEntryResponse })
  payout(
    @Caller() user: AuthUser,
    @Param() params: IdParam,
    @Body() body: RecordPayoutRequest,
  ): Promise<LedgerEntryView> {
    return this.settlement.recordPayout(user.id, params.id, body);
  }

  @Post(':id/payos-payouts')
  @ApiOperation({
    summary:
      'Pay the producer through payOS, to their payout account: answers the payout pending (the worker follows it) or paid. 503 PAYOUTS_DISABLED; 422 PAYOUT_ACCOUNT_MISSING, PAYOUT_EXCEEDS_BALANCE, PAYOUT_REFUSED (payOS refused; the amount is back in the balance)',
  })
  @ApiCreatedResponse({ type: PayosPayoutResponse })
  payosPayout(
    @Caller() user: AuthUser,
    @Param() params: IdParam,
    @Body() body: PayosPayoutRequest,
  ): Promise<PayosPayoutView> {
    return this.payouts.request(user.id, params.id, body.amountVnd);
  }
}
