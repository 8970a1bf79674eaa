import { loadConfig } from '@ocop/config';
import { closeAll, createTestApp, TestApp } from '@ocop/testing';
import { PaymentsHttpModule } from './payments-http.module';

describe('client config (GET /api/client-config, public)', () => {
  let off: TestApp | undefined;
  let on: TestApp | undefined;
  let keyOnly: TestApp | undefined;
  afterAll(() => closeAll(off, on, keyOnly));

  it('without a Stripe secret key: cash on delivery only, no publishable key handed out', async () => {
    off = await createTestApp({
      imports: [PaymentsHttpModule],
      config: { STRIPE_SECRET_KEY: undefined, STRIPE_PUBLISHABLE_KEY: 'pk_test_ocop_unused' },
    });
    const res = await off.http().get('/api/client-config').expect(200);
    expect(res.body).toEqual({
      cardPayments: false,
      vietqrPayments: false,
      payosPayouts: false,
      simulatedBankUrl: null,
      stripePublishableKey: null,
      currency: 'VND',
      timeZone: 'Asia/Ho_Chi_Minh',
    });
  });

  it('with a Stripe secret key: card payments on and the publishable key for Stripe.js, to guests too', async () => {
    on = await createTestApp({
      imports: [PaymentsHttpModule],
      config: { STRIPE_SECRET_KEY: 'sk_test_ocop_client', STRIPE_PUBLISHABLE_KEY: 'pk_test_ocop_client' },
    });
    const res = await on.http().get('/api/client-config').expect(200);
    expect(res.body).toEqual({
      cardPayments: true,
      vietqrPayments: false,
      payosPayouts: false,
      simulatedBankUrl: null,
      stripePublishableKey: 'pk_test_ocop_client',
      currency: 'VND',
      timeZone: 'Asia/Ho_Chi_Minh',
    });
  });

  it('card payments on without a publishable key: the key is null', async () => {
    keyOnly = await createTestApp({
      imports: [PaymentsHttpModule],
      config: { STRIPE_SECRET_KEY: 'sk_test_ocop_client', STRIPE_PUBLISHABLE_KEY: undefined },
    });
    const res = await keyOnly.http().get('/api/client-config').expect(200);
    expect(res.body).toMatchObject({ cardPayments: true, stripePublishableKey: null });
  });

  it('STRIPE_PUBLISHABLE_KEY is validated at boot', () => {
    const base = {
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/ocop_live',
      REDIS_URL: 'redis://127.0.0.1:6379',
      JWT_ACCESS_SECRET: 'a-secret-of-at-least-thirty-two-characters',
    };
    expect(loadConfig({ ...base, STRIPE_PUBLISHABLE_KEY: 'pk_live_abc123' }).STRIPE_PUBLISHABLE_KEY).toBe(
      'pk_live_abc123',
    );
    expect(() => loadConfig({ ...base, STRIPE_PUBLISHABLE_KEY: 'sk_test_abc123' })).toThrow(
      /STRIPE_PUBLISHABLE_KEY: must look like pk_test_/,
    );
  });
});
