import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { PaymentsService } from './payments.service';
import { VietqrPaymentsService } from './vietqr-payments.service';

/** What the browser app needs to know about this server before the shopper pays. */
export interface ClientConfig {
  /** The checkout offers "card" (the server holds a Stripe secret key); cash on delivery is always offered. */
  cardPayments: boolean;
  /** The checkout offers "vietqr" (bank transfer by VietQR through payOS: the server holds payOS keys). */
  vietqrPayments: boolean;
  /** An admin can pay producers through payOS's payout channel (the server holds payOS payout keys). */
  payosPayouts: boolean;
  /** Demo only: the local payOS stub's simulated bank, to "pay" an order without real money; null otherwise. */
  simulatedBankUrl: string | null;
  /** For Stripe.js; null while card payments are off or no publishable key is configured. */
  stripePublishableKey: string | null;
  /** Prices are whole Vietnamese đồng. */
  currency: 'VND';
  /** Dates and times are shown, and days counted, in Vietnam time. */
  timeZone: 'Asia/Ho_Chi_Minh';
}

@Injectable()
export class ClientConfigService {
  constructor(
    private readonly payments: PaymentsService,
    private readonly vietqr: VietqrPaymentsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  clientConfig(): ClientConfig {
    const cardPayments = this.payments.cardPaymentsEnabled;
    return {
      cardPayments,
      vietqrPayments: this.vietqr.enabled,
      payosPayouts: Boolean(
        this.config.PAYOS_PAYOUT_CLIENT_ID &&
          this.config.PAYOS_PAYOUT_API_KEY &&
          this.config.PAYOS_PAYOUT_CHECKSUM_KEY,
      ),
      simulatedBankUrl: this.vietqr.enabled ? (this.config.PAYOS_SIMULATED_BANK_URL ?? null) : null,
      stripePublishableKey: cardPayments ? (this.config.STRIPE_PUBLISHABLE_KEY ?? null) : null,
      currency: 'VND',
      timeZone: 'Asia/Ho_Chi_Minh',
    };
  }
}
