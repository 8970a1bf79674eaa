import { Inject, Injectable } from '@nestjs/common';
import { PayOS } from '@payos/node';
import { APP_CONFIG, AppConfig } from '@ocop/config';

/**
 * The payOS client of the payout channel (the official SDK), with the payout keys (payOS issues them apart from the
 * payment channel's). `api` is null without them: payouts through payOS are off. PAYOS_API_URL points it at a stub.
 */
@Injectable()
export class PayosPayoutClient {
  readonly api: PayOS | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.api =
      config.PAYOS_PAYOUT_CLIENT_ID && config.PAYOS_PAYOUT_API_KEY && config.PAYOS_PAYOUT_CHECKSUM_KEY
        ? new PayOS({
            clientId: config.PAYOS_PAYOUT_CLIENT_ID,
            apiKey: config.PAYOS_PAYOUT_API_KEY,
            checksumKey: config.PAYOS_PAYOUT_CHECKSUM_KEY,
            ...(config.PAYOS_API_URL ? { baseURL: config.PAYOS_API_URL.replace(/\/$/, '') } : {}),
            timeout: 15_000,
            maxRetries: 2,
            logLevel: 'off',
          })
        : null;
  }
}
