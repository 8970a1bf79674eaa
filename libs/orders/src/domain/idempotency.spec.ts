import { DomainError } from '@ocop/kernel';
import { validateCheckoutRequest } from './checkout';
import {
  assertIdempotencyKey,
  canonicalJson,
  checkoutFingerprint,
  decideIdempotency,
  resolveIdempotency,
} from './idempotency';

function caught(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected an error');
}

const body = {
  lines: [
    { productId: 'p1', quantity: 1 },
    { productId: 'p2', quantity: 2 },
  ],
  address: {
    recipientName: 'Lan',
    phone: '0912345678',
    province: 'Hà Nội',
    ward: 'Phường Hoàn Kiếm',
    street: '1 Tràng Tiền',
  },
  paymentMethod: 'card',
};

describe('canonical JSON', () => {
  it('key order does not matter; undefined members are dropped; strings are NFC', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: undefined } })).toBe('{"a":{"d":[1,"x"]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
    expect(canonicalJson('Ha\u0300 Nội'.normalize('NFD'))).toBe(canonicalJson('Hà Nội'));
    expect(canonicalJson(new Date('2025-01-01T00:00:00Z'))).toBe('"2025-01-01T00:00:00.000Z"');
  });

  it('values with no JSON meaning are refused', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson(() => 1)).toThrow(TypeError);
  });
});

describe('checkout fingerprint', () => {
  const fp = (input: typeof body) => checkoutFingerprint(validateCheckoutRequest(input));

  it('a retry of the same body typed differently (phone spacing, province spelling, line order) matches', () => {
    const retry = {
      paymentMethod: 'card',
      address: { ...body.address, phone: '+84 912 345 678', province: 'ha noi' },
      lines: [...body.lines].reverse(),
    };
    expect(fp(retry)).toBe(fp(body));
  });

  it('a different quantity, address or payment method is a different body', () => {
    const base = fp(body);
    expect(fp({ ...body, lines: [{ productId: 'p1', quantity: 2 }, body.lines[1]!] })).not.toBe(base);
    expect(fp({ ...body, address: { ...body.address, street: '2 Tràng Tiền' } })).not.toBe(base);
    expect(fp({ ...body, paymentMethod: 'cod' })).not.toBe(base);
  });
});

describe('idempotency decision', () => {
  it('a first request with a key is new', () => {
    expect(decideIdempotency(undefined, 'f1')).toBe('new');
    expect(resolveIdempotency(undefined, 'f1')).toBeUndefined();
  });

  it('a buyer retrying the same body with the same key gets the same result back', () => {
    const stored = { fingerprint: 'f1', result: { checkoutId: 'c1' } };
    expect(decideIdempotency(stored, 'f1')).toBe('replay');
    expect(resolveIdempotency(stored, 'f1')).toEqual({ checkoutId: 'c1' });
  });

  it('the same key with a different body is rejected (IDEMPOTENCY_KEY_REUSED)', () => {
    const stored = { fingerprint: 'f1', result: { checkoutId: 'c1' } };
    expect(decideIdempotency(stored, 'f2')).toBe('conflict');
    const error = caught(() => resolveIdempotency(stored, 'f2'));
    expect(error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(error.kind).toBe('unprocessable');
  });

  it('a double tap while the first request is still running is told to retry, not processed twice', () => {
    expect(decideIdempotency({ fingerprint: 'f1' }, 'f1')).toBe('in_progress');
    expect(caught(() => resolveIdempotency({ fingerprint: 'f1' }, 'f1')).code).toBe(
      'IDEMPOTENT_REQUEST_IN_PROGRESS',
    );
    expect(decideIdempotency({ fingerprint: 'f1' }, 'f2')).toBe('conflict');
  });

  it('the Idempotency-Key header is required and well-formed', () => {
    expect(assertIdempotencyKey(' 2f0c7c1e-4d4b-4b0a-9f8e-0c1d2e3f4a5b ')).toBe(
      '2f0c7c1e-4d4b-4b0a-9f8e-0c1d2e3f4a5b',
    );
    for (const key of [undefined, '', 'short', 'has space in it', 'x'.repeat(129)]) {
      expect(caught(() => assertIdempotencyKey(key)).code).toBe('IDEMPOTENCY_KEY_INVALID');
    }
  });
});
