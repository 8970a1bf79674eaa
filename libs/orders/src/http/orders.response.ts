import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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
}

export class OrderResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) checkoutId!: string;
  @ApiProperty({ format: 'uuid' }) producerId!: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status!: OrderStatus;
  @ApiProperty({ enum: PAYMENT_METHODS }) paymentMethod!: PaymentMethod;
  @ApiProperty() totalVnd!: number;
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

export class CheckoutResponse {
  @ApiProperty({ format: 'uuid' }) checkoutId!: string;
  @ApiProperty({ type: [OrderResponse], description: 'One order per producer' }) orders!: OrderResponse[];
  @ApiPropertyOptional({
    type: CardPaymentResponse,
    description: 'Card checkouts: one payment for all its orders',
  })
  payment?: CardPaymentResponse;
}
