import { Inject, Injectable } from '@nestjs/common';
import { APIError, PayOS, type Payout, type PayoutTransaction } from '@payos/node';
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

/** payOS's answer to a create it will not make (bad account, no credit…): final, unlike an outage or a 5xx. */
export function refusal(error: unknown): { code: string; message: string } | null {
  if (!(error instanceof APIError) || error.status === undefined) return null;
  const status = error.status;
  const refused = (status >= 400 && status < 500 && status !== 401 && status !== 429) || status === 200;
  return refused
    ? { code: error.code ?? String(status), message: (error.desc ?? error.message).slice(0, 300) }
    : null;
}

/** The transfer of a payout (payOS makes one per single payout). */
export const transferOf = (payout: Payout): PayoutTransaction | undefined => payout.transactions[0];
