import { Inject, Injectable } from '@nestjs/common';
import { PayOS } from '@payos/node';
import { APP_CONFIG, AppConfig } from '@ocop/config';

/**
 * The one payOS client of the process (the official SDK). `api` is null when the three PAYOS_* keys are not
 * configured: VietQR is switched off. PAYOS_API_URL points it at a local stub in tests and the demo.
 */
@Injectable()
export class PayosClient {
  readonly api: PayOS | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.api =
      config.PAYOS_CLIENT_ID && config.PAYOS_API_KEY && config.PAYOS_CHECKSUM_KEY
        ? new PayOS({
            clientId: config.PAYOS_CLIENT_ID,
            apiKey: config.PAYOS_API_KEY,
            checksumKey: config.PAYOS_CHECKSUM_KEY,
            ...(config.PAYOS_API_URL ? { baseURL: config.PAYOS_API_URL.replace(/\/$/, '') } : {}),
            timeout: 15_000,
            maxRetries: 2,
            logLevel: 'off',
          })
        : null;
  }
}
