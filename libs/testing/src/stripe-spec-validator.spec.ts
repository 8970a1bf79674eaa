import { loadStripeSpecSubset } from './stripe-stub';
import { parseForm, validateStripeRequest } from './stripe-spec-validator';

describe("Stripe request validation against Stripe's OpenAPI description", () => {
  const spec = loadStripeSpecSubset();
  const validate = (method: string, path: string, body: string) =>
    validateStripeRequest(spec, method, path, parseForm(body));

  it('decodes the form encoding of the stripe client into nested parameters', () => {
    expect(parseForm('amount=150000&metadata[reference]=order%201&payment_method_types[0]=card')).toEqual({
      amount: '150000',
      metadata: { reference: 'order 1' },
      payment_method_types: { 0: 'card' },
    });
  });

  it('accepts a PaymentIntent in whole đồng for cards, with metadata', () => {
    expect(
      validate(
        'POST',
        '/v1/payment_intents',
        'amount=150000&currency=vnd&payment_method_types[0]=card&metadata[reference]=o1',
      ),
    ).toEqual([]);
  });

  it('rejects a made-up parameter, as Stripe would', () => {
    expect(validate('POST', '/v1/payment_intents', 'amount=1&currency=vnd&tip_jar=true')).toEqual([
      'Received unknown parameter: tip_jar',
    ]);
  });

  it('rejects a fractional amount (someone multiplied or divided VND)', () => {
    expect(validate('POST', '/v1/payment_intents', 'amount=1500.50&currency=vnd')).toEqual([
      'Invalid integer: amount',
    ]);
  });

  it('rejects a PaymentIntent without its required currency', () => {
    expect(validate('POST', '/v1/payment_intents', 'amount=1000')).toEqual([
      'Missing required param: currency.',
    ]);
  });

  it('rejects a refund reason outside the enum and a wrongly typed nested boolean', () => {
    expect(validate('POST', '/v1/refunds', 'payment_intent=pi_1&reason=changed_mind')[0]).toMatch(
      /Invalid reason/,
    );
    expect(
      validate('POST', '/v1/payment_intents', 'amount=1&currency=vnd&automatic_payment_methods[enabled]=yes'),
    ).toEqual(['Invalid boolean: automatic_payment_methods[enabled]']);
  });

  it('allows a parameter newer than the 2020-08-27 description only where listed explicitly', () => {
    expect(
      validate(
        'POST',
        '/v1/payment_intents',
        'amount=1&currency=vnd&automatic_payment_methods[enabled]=true&automatic_payment_methods[allow_redirects]=never',
      ),
    ).toEqual([]);
  });

  it('matches path templates and rejects unknown URLs and unknown query parameters', () => {
    expect(validate('POST', '/v1/payment_intents/pi_123/cancel', 'cancellation_reason=abandoned')).toEqual(
      [],
    );
    expect(validate('GET', '/v1/payment_intents/pi_123', 'expand[0]=latest_charge')).toEqual([]);
    expect(validate('GET', '/v1/payment_intents/pi_123', 'colour=blue')).toEqual([
      'Received unknown parameter: colour',
    ]);
    expect(validate('POST', '/v1/payment_links', '')[0]).toMatch(/Unrecognized request URL/);
  });
});
