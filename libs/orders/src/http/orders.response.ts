import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHECKOUT_PAYMENT_STATES, CheckoutPaymentState } from '../application/views';
import { ImageViewResponse } from '@ocop/assets';
import { PAYMENT_STATUSES, type PaymentStatus } from '@ocop/payments';
import { ORDER_STATUSES, OrderStatus, PAYMENT_METHODS, PaymentMethod } from '../domain';

/** The OpenAPI shapes of the orders' answers (the web app's client is generated from them). Money: whole đồng. */
export class DeliveryAddressResponse {
  @ApiProperty() recipientName!: string;
  @ApiProperty({ example: '+84912345678' }) phone!: string;
  @ApiProperty({ example: 'ha-noi' }) provinceCode!: string;
  @ApiProperty({ example: 'Thành phố Hà Nội' }) provinceName!: string;
  @ApiProperty({ example: 'xã Bát Tràng' }) ward!: string;
  @ApiProperty() street!: string;
}

export class OrderLineResponse {
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty() productName!: string;
  @ApiProperty({ description: 'The list price at order time' }) listUnitPriceVnd!: number;
  @ApiProperty({ description: 'What the buyer pays per unit (the deal price during a flash deal)' })
  unitPriceVnd!: number;
  @ApiProperty({ minimum: 1 }) quantity!: number;
  @ApiProperty() lineTotalVnd!: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) dealId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) sessionId!: string | null;
  @ApiPropertyOptional({ type: ImageViewResponse, nullable: true, description: "The product's cover photo" })
  image?: ImageViewResponse | null;
}

export class OrderProducerResponse {
  @ApiProperty() name!: string;
  @ApiProperty({ example: '+84912345678' }) phone!: string;
}

export class OrderHistoryEntryResponse {
  @ApiProperty({ enum: ORDER_STATUSES }) status!: OrderStatus;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class OrderResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'K7PQ4M2X', description: 'The short code the buyer reads out on the phone' })
  code!: string;
  @ApiProperty({ format: 'uuid' }) checkoutId!: string;
  @ApiProperty({ format: 'uuid' }) producerId!: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status!: OrderStatus;
  @ApiProperty({ enum: PAYMENT_METHODS }) paymentMethod!: PaymentMethod;
  @ApiProperty({ description: 'Goods plus shipping: what the buyer pays (the courier collects it for COD)' })
  totalVnd!: number;
  @ApiProperty({ description: "The producer's shipping fee charged on this order (included in totalVnd)" })
  shippingFeeVnd!: number;
  @ApiPropertyOptional({
    type: OrderProducerResponse,
    description: "The producer's name and phone (on the buyer's own orders only)",
  })
  producer?: OrderProducerResponse;
  @ApiPropertyOptional({
    type: [OrderHistoryEntryResponse],
    description: 'Every status the order went through, oldest first (GET /api/orders/{id} only)',
  })
  history?: OrderHistoryEntryResponse[];
  @ApiProperty({ type: DeliveryAddressResponse }) deliveryAddress!: DeliveryAddressResponse;
  @ApiProperty({ type: String, nullable: true }) referralCode!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Card orders: unpaid after this they expire',
  })
  expiresAt!: string | null;
  @ApiProperty({ format: 'date-time' }) placedAt!: string;
  @ApiProperty({ type: [OrderLineResponse] }) lines!: OrderLineResponse[];
}

export class OrderPageResponse {
  @ApiProperty({ type: [OrderResponse] }) items!: OrderResponse[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}

export class CardPaymentResponse {
  @ApiProperty({ format: 'uuid' }) paymentId!: string;
  @ApiProperty({ description: "Stripe's PaymentIntent client secret, for Stripe.js" }) clientSecret!: string;
}

export class VietqrPaymentResponse {
  @ApiProperty({ format: 'uuid' }) paymentId!: string;
  @ApiProperty({ enum: PAYMENT_STATUSES }) status!: PaymentStatus;
  @ApiProperty({ description: "payOS's numeric order code", example: 100042 }) orderCode!: number;
  @ApiProperty({ description: 'The exact amount to transfer, in whole đồng' }) amountVnd!: number;
  @ApiProperty({ description: 'The transfer memo the bank app shows', example: 'DH100042' }) memo!: string;
  @ApiProperty({ description: 'The VietQR (EMVCo) payload, drawn as a QR code by the browser' })
  qrCode!: string;
  @ApiProperty({ description: "payOS's checkout page (opens the banking app on a phone)" })
  checkoutUrl!: string;
  @ApiProperty({ description: "The receiving bank's NAPAS BIN", example: '970422' }) bin!: string;
  @ApiProperty() accountNumber!: string;
  @ApiProperty() accountName!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) expiresAt!: string | null;
}

export class CheckoutVietqrResponse {
  @ApiProperty({ format: 'uuid' }) checkoutId!: string;
  @ApiProperty({ type: [String], format: 'uuid', description: 'The orders it pays' }) orderIds!: string[];
  @ApiProperty({ type: VietqrPaymentResponse }) vietqr!: VietqrPaymentResponse;
}

export class CheckoutResponse {
  @ApiProperty({ format: 'uuid' }) checkoutId!: string;
  @ApiProperty({ type: [OrderResponse], description: 'One order per producer' }) orders!: OrderResponse[];
  @ApiProperty({
    enum: CHECKOUT_PAYMENT_STATES,
    description:
      'on_delivery: cash on delivery. ready: card, pay with `payment.clientSecret`; VietQR, transfer as `vietqr` ' +
      'says. not_started: the orders await payment but it could not be started; start it with POST ' +
      '/api/checkouts/{checkoutId}/payment (card) or /vietqr',
  })
  paymentState!: CheckoutPaymentState;
  @ApiPropertyOptional({
    type: CardPaymentResponse,
    description: 'Card checkouts: one payment for all its orders',
  })
  payment?: CardPaymentResponse;
  @ApiPropertyOptional({
    type: VietqrPaymentResponse,
    description: 'VietQR checkouts: one payOS payment link for all its orders',
  })
  vietqr?: VietqrPaymentResponse;
}

export class CheckoutPaymentResponse {
  @ApiProperty({ format: 'uuid' }) checkoutId!: string;
  @ApiProperty({ format: 'uuid' }) paymentId!: string;
  @ApiProperty({ description: "Stripe's PaymentIntent client secret, for Stripe.js" }) clientSecret!: string;
  @ApiProperty({ description: 'What this payment takes, in whole đồng' }) amountVnd!: number;
  @ApiProperty({ type: [String], format: 'uuid', description: 'The orders it pays' }) orderIds!: string[];
}

/** What the farmer sees of a buyer before shipping a cash-on-delivery order: counts only, across all producers. */
export class BuyerCodRecordResponse {
  @ApiProperty({ description: "Cash-on-delivery orders of this buyer delivered (every producer's)" })
  delivered!: number;
  @ApiProperty({ description: 'Cash-on-delivery parcels this buyer refused at the door' })
  refused!: number;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Until when the buyer cannot pay cash on delivery (after too many refusals)',
  })
  codSuspendedUntil!: string | null;
}
