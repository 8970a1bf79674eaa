import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser, Caller } from '@ocop/auth';
import { IdParam, PageQuery } from '@ocop/http';
import { Page } from '@ocop/kernel';
import { OrderActionsService } from '../application/order-actions.service';
import { OrdersService } from '../application/orders.service';
import { ShopperCheckout } from '../application/shopper-checkout';
import { CheckoutResult, OrderView } from '../application/views';
import { addressInput, CheckoutRequestBody } from './checkout.request';
import { CheckoutResponse, OrderPageResponse, OrderResponse } from './orders.response';

@ApiTags('orders')
@ApiBearerAuth()
@Controller()
export class OrdersController {
  constructor(
    private readonly checkouts: ShopperCheckout,
    private readonly orders: OrdersService,
    private readonly actions: OrderActionsService,
  ) {}

  @Post('checkouts')
  @ApiOperation({
    summary:
      'Buy: one order per producer, all or nothing (a refused line refuses the checkout, with every line answered)',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: '8 to 128 letters, digits, - _ : .' })
  @ApiCreatedResponse({ type: CheckoutResponse })
  checkout(
    @Caller() user: AuthUser,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: CheckoutRequestBody,
  ): Promise<CheckoutResult> {
    return this.checkouts.place(
      user.id,
      key,
      {
        lines: body.lines.map((l) => ({ productId: l.productId, quantity: l.quantity, dealId: l.dealId })),
        address: addressInput(body.address),
        paymentMethod: body.paymentMethod,
        referralCode: body.referralCode,
        sessionId: body.sessionId,
        shareCode: body.shareCode,
      },
      body.saveAddress === true,
    );
  }

  @Get('orders')
  @ApiOperation({ summary: "The caller's own orders, newest first" })
  @ApiOkResponse({ type: OrderPageResponse })
  list(@Caller() user: AuthUser, @Query() query: PageQuery): Promise<Page<OrderView>> {
    return this.orders.listOwn(user.id, query);
  }

  @Get('orders/:id')
  @ApiOperation({ summary: "One of the caller's orders (404 for anyone else's)" })
  @ApiOkResponse({ type: OrderResponse })
  get(@Caller() user: AuthUser, @Param() params: IdParam): Promise<OrderView> {
    return this.orders.getOwn(user.id, params.id);
  }

  @Post('orders/:id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Cancel one of the caller's orders before it ships: unpaid -> cancelled; paid by card -> refund_due, refunded through Stripe",
  })
  @ApiOkResponse({ type: OrderResponse })
  cancel(@Caller() user: AuthUser, @Param() params: IdParam): Promise<OrderView> {
    return this.actions.cancelByShopper(user.id, params.id);
  }
}
