import { Inject, Injectable } from '@nestjs/common';
import Stripe from 'stripe';
import { APP_CONFIG, AppConfig } from '@ocop/config';

/** Options that point the real `stripe` client at STRIPE_API_URL (a local stub in tests), when it is set. */
export function stripeClientOptions(apiUrl: string | undefined): Stripe.StripeConfig {
  const options: Stripe.StripeConfig = {
    maxNetworkRetries: 2,
    timeout: 15_000,
    appInfo: { name: 'ocop-live' },
  };
  if (!apiUrl) return options;
  const url = new URL(apiUrl);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return {
    ...options,
    host: url.hostname,
    port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443,
    protocol,
  };
}

/**
 * The one Stripe client of the process. `api` is null when STRIPE_SECRET_KEY is not configured (card payments are
 * switched off); webhook verification needs no key, only STRIPE_WEBHOOK_SECRET.
 */
@Injectable()
export class StripeClient {
  readonly api: Stripe | null;
  readonly webhooks: Stripe['webhooks'];

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.api = config.STRIPE_SECRET_KEY
      ? new Stripe(config.STRIPE_SECRET_KEY, stripeClientOptions(config.STRIPE_API_URL))
      : null;
    this.webhooks = (
      this.api ?? new Stripe('sk_test_webhooks_only', stripeClientOptions(config.STRIPE_API_URL))
    ).webhooks;
  }
}
