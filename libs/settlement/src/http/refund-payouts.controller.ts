import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, Caller, Roles } from '@ocop/auth';
import { IdParam } from '@ocop/http';
import { RefundPayoutsService, RefundPayoutView } from '../application/refund-payouts.service';
import { PayosRefundRequest, RefundPayoutResponse } from './settlement.dto';

const REQUEST_SUMMARY =
  'Refund an order paid by VietQR that is refund due through payOS, to the account the transfer came from: answers the refund payout pending (the worker follows it; paid, the order is refunded with payOS’s reference), or the one already pending or paid. 503 PAYOUTS_DISABLED; 422 REFUND_PAYOUT_UNSUPPORTED, REFUND_ACCOUNT_UNKNOWN (refund by hand), PAYOUT_REFUSED; 409 REFUND_NOT_DUE';

/** The farmer's refunds through payOS of their own orders (as they record refunds by hand). */
@ApiTags('orders')
@ApiBearerAuth()
@Roles('farmer')
@Controller('farmer/orders')
export class FarmerRefundPayoutsController {
  constructor(private readonly refunds: RefundPayoutsService) {}

  @Post(':id/payos-refunds')
  @ApiOperation({ summary: REQUEST_SUMMARY })
  @ApiCreatedResponse({ type: RefundPayoutResponse })
  request(
    @Caller() user: AuthUser,
    @Param() params: IdParam,
    @Body() _body: PayosRefundRequest,
  ): Promise<RefundPayoutView> {
    return this.refunds.request({ userId: user.id, as: 'farmer' }, params.id);
  }

  @Get(':id/payos-refunds')
  @ApiOperation({ summary: "The order's refunds through payOS, newest first" })
  @ApiOkResponse({ type: RefundPayoutResponse, isArray: true })
  list(@Caller() user: AuthUser, @Param() params: IdParam): Promise<RefundPayoutView[]> {
    return this.refunds.list({ userId: user.id, as: 'farmer' }, params.id);
  }
}

/** An admin's refunds through payOS of orders of producers in their subtree (others' orders are 404). */
@ApiTags('orders')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/orders')
export class AdminRefundPayoutsController {
  constructor(private readonly refunds: RefundPayoutsService) {}

  @Post(':id/payos-refunds')
  @ApiOperation({ summary: REQUEST_SUMMARY })
  @ApiCreatedResponse({ type: RefundPayoutResponse })
  request(
    @Caller() user: AuthUser,
    @Param() params: IdParam,
    @Body() _body: PayosRefundRequest,
  ): Promise<RefundPayoutView> {
    return this.refunds.request({ userId: user.id, as: 'admin' }, params.id);
  }

  @Get(':id/payos-refunds')
  @ApiOperation({ summary: "The order's refunds through payOS, newest first" })
  @ApiOkResponse({ type: RefundPayoutResponse, isArray: true })
  list(@Caller() user: AuthUser, @Param() params: IdParam): Promise<RefundPayoutView[]> {
    return this.refunds.list({ userId: user.id, as: 'admin' }, params.id);
  }
}
