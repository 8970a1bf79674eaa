import { ApiProperty } from '@nestjs/swagger';

export class ClientConfigResponse {
  @ApiProperty({
    description: 'The checkout accepts paymentMethod "card"; cash on delivery is always accepted',
  })
  cardPayments!: boolean;
  @ApiProperty({
    description: 'The checkout accepts paymentMethod "vietqr" (bank transfer by VietQR through payOS)',
  })
  vietqrPayments!: boolean;
  @ApiProperty({
    description:
      "Admins can pay producers through payOS's payout channel; otherwise payouts are recorded by hand",
  })
  payosPayouts!: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "Demo only: the local payOS stub's simulated bank (no real money); null on a real server",
  })
  simulatedBankUrl!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'pk_test_51H...',
    description: 'For Stripe.js; null while card payments are off or no publishable key is configured',
  })
  stripePublishableKey!: string | null;
  @ApiProperty({ enum: ['VND'], description: 'Prices are whole đồng' }) currency!: 'VND';
  @ApiProperty({ enum: ['Asia/Ho_Chi_Minh'], description: 'Show dates and times in Vietnam time' })
  timeZone!: 'Asia/Ho_Chi_Minh';
}
