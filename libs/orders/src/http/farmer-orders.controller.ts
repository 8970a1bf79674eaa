import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, Caller, Roles } from '@ocop/auth';
import { IdParam } from '@ocop/http';
import { Page } from '@ocop/kernel';
import { OrderActionsService } from '../application/order-actions.service';
import { OrderView } from '../application/views';
import { normalizeOrderCode } from '../domain';
import { DeliverOrderRequest, FarmerOrdersQuery, RecordRefundRequest } from './checkout.request';
import { OrderRefundsService } from '../application/order-refunds.service';
import { BuyerCodRecordResponse, OrderPageResponse, OrderResponse } from './orders.response';

/** The farmer fulfils their producer's orders: confirm, ship, deliver (COD: with the cash collected), take back. */
@ApiTags('farmer orders')
@ApiBearerAuth()
@Roles('farmer')
@Controller('farmer/orders')
export class FarmerOrdersController {
  constructor(
    private readonly actions: OrderActionsService,
    private readonly refunds: OrderRefundsService,
  ) {}

  @Get()
  @ApiOperation({
    summary: "The orders of the caller's producer, newest first, optionally of one status or one code",
  })
  @ApiOkResponse({ type: OrderPageResponse })
  list(@Caller() user: AuthUser, @Query() query: FarmerOrdersQuery): Promise<Page<OrderView>> {
    const code = query.code ? normalizeOrderCode(query.code) : '';
    return this.actions.listForFarmer(user.id, query, query.status ?? null, code === '' ? null : code);
  }

  @Get(':id')
  @ApiOperation({ summary: "One order of the caller's producer (404 for any other)" })
  @ApiOkResponse({ type: OrderResponse })
  get(@Caller() user: AuthUser, @Param() params: IdParam): Promise<OrderView> {
    return this.actions.getForFarmer(user.id, params.id);
  }

  @Post(':id/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm a cash-on-delivery order left pending' })
  @ApiOkResponse({ type: OrderResponse })
  confirm(@Caller() user: AuthUser, @Param() params: IdParam): Promise<OrderView> {
    return this.actions.byFarmer(user.id, params.id, 'confirm');
  }

  @Post(':id/ship')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hand a confirmed order to the courier' })
  @ApiOkResponse({ type: OrderResponse })
  ship(@Caller() user: AuthUser, @Param() params: IdParam): Promise<OrderView> {
    return this.actions.byFarmer(user.id, params.id, 'ship');
  }

  @Post(':id/deliver')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Record delivery. Cash on delivery: cashCollectedVnd is required and must equal the total; the order is then settled',
  })
  @ApiOkResponse({ type: OrderResponse })
  deliver(
    @Caller() user: AuthUser,
    @Param() params: IdParam,
    @Body() body: DeliverOrderRequest,
  ): Promise<OrderView> {
    return this.actions.deliver(user.id, params.id, body.cashCollectedVnd);
  }

  @Get(':id/buyer-record')
  @ApiOperation({
    summary:
      "The buyer's cash-on-delivery record: deliveries made and refused (on every producer), and any COD suspension",
  })
  @ApiOkResponse({ type: BuyerCodRecordResponse })
  async buyerRecord(@Caller() user: AuthUser, @Param() params: IdParam): Promise<BuyerCodRecordResponse> {
    const record = await this.actions.buyerRecordForFarmer(user.id, params.id);
    return {
      delivered: record.delivered,
      refused: record.refused,
      codSuspendedUntil: record.suspendedUntil?.toISOString() ?? null,
    };
  }

  @Post(':id/refuse')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "The buyer refused a cash-on-delivery parcel at the door: the order is cancelled and counts on the buyer's record",
  })
  @ApiOkResponse({ type: OrderResponse })
  refuse(@Caller() user: AuthUser, @Param() params: IdParam): Promise<OrderView> {
    return this.actions.byFarmer(user.id, params.id, 'refuse');
  }

  @Post(':id/refund')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Record the bank transfer that refunded a paid online order that is refund due (once; the same record again answers the same). 422 REFUND_EXCEEDS_PAID above the amount paid',
  })
  @ApiOkResponse({ type: OrderResponse })
  refund(
    @Caller() user: AuthUser,
    @Param() params: IdParam,
    @Body() body: RecordRefundRequest,
  ): Promise<OrderView> {
    return this.refunds.recordByFarmer(user.id, params.id, body);
  }

  @Post(':id/return')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept the return of a delivered order: it is refunded in full' })
  @ApiOkResponse({ type: OrderResponse })
  takeBack(@Caller() user: AuthUser, @Param() params: IdParam): Promise<OrderView> {
    return this.actions.byFarmer(user.id, params.id, 'return');
  }
}
