import { randomUUID } from 'node:crypto';
import { AccessTokenService } from '@ocop/auth';
import type { CheckoutResult } from '@ocop/orders';
import type { TestApp } from '../test-app';
import { authHeader } from './identity';

// Factories for the orders context (mount OrdersHttpModule with the live, catalogue and identity HTTP modules).

export interface CheckoutBody {
  lines: { productId: string; quantity: number }[];
  sessionId?: string;
  address: { recipientName: string; phone: string; province: string; commune: string; street: string };
  paymentMethod: 'cod' | 'card' | 'vietqr';
  referralCode?: string;
}

export function deliveryAddress(overrides: Partial<CheckoutBody['address']> = {}): CheckoutBody['address'] {
  return {
    recipientName: 'Nguyễn Thị Lan',
    phone: '0912345678',
    province: 'ha-noi',
    commune: 'Phường Hoàn Kiếm',
    street: 'Số 12 Hàng Bạc',
    ...overrides,
  };
}

export function checkoutBody(
  lines: { productId: string; quantity?: number; dealId?: string }[],
  overrides: Partial<CheckoutBody> = {},
): CheckoutBody {
  return {
    lines: lines.map((l) => ({
      productId: l.productId,
      quantity: l.quantity ?? 1,
      ...(l.dealId ? { dealId: l.dealId } : {}),
    })),
    address: deliveryAddress(),
    paymentMethod: 'cod',
    ...overrides,
  };
}

export function idempotencyKey(): string {
  return `chk-${randomUUID()}`;
}

/** POST /api/checkouts; returns the raw supertest response (the caller checks status and body). */
export function postCheckout(
  t: TestApp,
  token: string,
  body: unknown,
  key: string | null = idempotencyKey(),
) {
  const req = t.http().post('/api/checkouts').set(authHeader(token));
  if (key !== null) req.set('Idempotency-Key', key);
  return req.send(body as object);
}

/** A checkout that must succeed (201). */
export async function placeCheckout(t: TestApp, token: string, body: CheckoutBody): Promise<CheckoutResult> {
  const res = await postCheckout(t, token, body);
  if (res.status !== 201)
    throw new Error(`placeCheckout: expected 201, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as CheckoutResult;
}

/**
 * `count` shoppers inserted with one statement and a placeholder password hash (nobody signs in as them), each
 * with a signed access token (new users are at token version 0): hashing hundreds of passwords would dominate a race test.
 */
export async function makeShoppersFast(
  t: TestApp,
  count: number,
): Promise<{ id: string; accessToken: string }[]> {
  const tag = randomUUID().slice(0, 8);
  const rows = (await t.db.query(
    `INSERT INTO users (email, password_hash, display_name)
     SELECT 'buyer-' || $1 || '-' || n || '@test.ocop.vn', 'not-a-password-hash', 'Buyer ' || n
     FROM generate_series(1, $2::int) AS n
     RETURNING id`,
    [tag, count],
  )) as { id: string }[];
  const tokens = t.app.get(AccessTokenService);
  return Promise.all(
    rows.map(async (r) => ({
      id: r.id,
      accessToken: await tokens.sign({ id: r.id, roles: ['shopper'] }, 0),
    })),
  );
}
