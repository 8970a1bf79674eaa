import { Body, Controller, Get, Param, Post, Query, StreamableFile } from '@nestjs/common';
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
import {
  LedgerEntryView,
  ProducerBalanceView,
  ProducerLedgerView,
  SettlementService,
} from '../application/settlement.service';
import { csvAttachment } from './csv-file';
import {
  LedgerEntryResponse,
  LedgerQuery,
  ProducerBalanceResponse,
  ProducerLedgerResponse,
  RecordPayoutRequest,
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
  constructor(private readonly settlement: SettlementService) {}

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
  constructor(private readonly settlement: SettlementService) {}

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
}
