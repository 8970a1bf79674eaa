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
import { CheckoutPayment } from '../application/checkout-payment';
import { OrderActionsService } from '../application/order-actions.service';
import { OrdersService } from '../application/orders.service';
import { ShopperCheckout } from '../application/shopper-checkout';
import { CheckoutPaymentView, CheckoutResult, CheckoutVietqrView, OrderView } from '../application/views';
import { addressInput, CheckoutRequestBody } from './checkout.request';
import {
  CheckoutPaymentResponse,
  CheckoutVietqrResponse,
  CheckoutResponse,
  OrderPageResponse,
  OrderResponse,
} from './orders.response';

@ApiTags('orders')
@ApiBearerAuth()
@Controller()
export class OrdersController {
  constructor(
    private readonly checkouts: ShopperCheckout,
    private readonly orders: OrdersService,
    private readonly actions: OrderActionsService,
    private readonly cardPayment: CheckoutPayment,
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

  @Post('checkouts/:id/payment')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Start or resume the card payment of one of the caller's checkouts whose orders await payment (idempotent: " +
      "the same PaymentIntent every time; 404 for anyone else's checkout, 409 NOTHING_TO_PAY when none awaits it)",
  })
  @ApiOkResponse({ type: CheckoutPaymentResponse })
  startPayment(@Caller() user: AuthUser, @Param() params: IdParam): Promise<CheckoutPaymentView> {
    return this.cardPayment.startOrResume(user.id, params.id);
  }

  @Post('checkouts/:id/vietqr')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Start or show again the VietQR transfer of one of the caller's checkouts whose orders await payment " +
      "(idempotent: the same payOS payment link every time; 404 for anyone else's checkout, 409 NOTHING_TO_PAY when " +
      'none awaits it, 503 VIETQR_PAYMENTS_DISABLED when payOS is not configured)',
  })
  @ApiOkResponse({ type: CheckoutVietqrResponse })
  startVietqr(@Caller() user: AuthUser, @Param() params: IdParam): Promise<CheckoutVietqrView> {
    return this.cardPayment.startOrResumeVietqr(user.id, params.id);
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
