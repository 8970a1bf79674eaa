import { randomUUID } from 'node:crypto';
import type { ProducerView, ProductView } from '@ocop/catalogue';
import { addMonths, vnToday } from '@ocop/kernel';
import type { TestApp } from '../test-app';
import { authHeader, makeUser, MadeUser, MakeUserOptions, tokenFor, uniquePhone } from './identity';

// Factories for the catalogue context, through the HTTP API (the same path a farmer and an admin take).
// Names are unique per call: tests share one database per Jest worker.

export function uniqueSuffix(): string {
  return randomUUID().slice(0, 8);
}

export interface ProducerBody {
  kind: 'household' | 'cooperative' | 'enterprise';
  name: string;
  description?: string;
  phone: string;
  location: { province: string; commune: string; street?: string };
  branchId: string;
}

export interface ProductBody {
  name: string;
  description?: string;
  group: string;
  priceVnd: number;
  stock: number;
  certificate: { stars: number; decisionNumber: string; issuingBody: string; signedOn: string };
}

export type ProductOverrides = Partial<Omit<ProductBody, 'certificate'>> & {
  certificate?: Partial<ProductBody['certificate']>;
};

export function producerBody(branchId: string, overrides: Partial<ProducerBody> = {}): ProducerBody {
  return {
    kind: 'cooperative',
    name: `HTX Thử nghiệm ${uniqueSuffix()}`,
    description: 'Hợp tác xã thử nghiệm',
    phone: uniquePhone(),
    location: { province: 'ha-noi', commune: 'Xã Bát Tràng', street: 'Thôn 1' },
    ...overrides,
    branchId: overrides.branchId ?? branchId,
  };
}

/** A signing date `monthsAgo` months before today in Vietnam (the certificate expires 36 months after it). */
export function signedMonthsAgo(monthsAgo: number, now: Date = new Date()): string {
  return addMonths(vnToday(now), -monthsAgo);
}

export function productBody(overrides: ProductOverrides = {}): ProductBody {
  const { certificate, ...rest } = overrides;
  return {
    name: `Sản phẩm thử ${uniqueSuffix()}`,
    description: 'Mô tả sản phẩm thử',
    group: 'food',
    priceVnd: 150_000,
    stock: 100,
    ...rest,
    certificate: {
      stars: 4,
      decisionNumber: `${Math.floor(Math.random() * 9000) + 1000}/QĐ-UBND`,
      issuingBody: 'UBND Thành phố Hà Nội',
      signedOn: signedMonthsAgo(6),
      ...certificate,
    },
  };
}

function expectStatus(res: { status: number; body: unknown }, status: number, what: string): void {
  if (res.status !== status)
    throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
}

/** POST /api/producers with the owner's token; returns the producer. */
export async function makeProducer(
  t: TestApp,
  ownerToken: string,
  overrides: Partial<ProducerBody> & { branchId: string },
): Promise<ProducerView> {
  const res = await t
    .http()
    .post('/api/producers')
    .set(authHeader(ownerToken))
    .send(producerBody(overrides.branchId, overrides));
  expectStatus(res, 201, 'makeProducer');
  return res.body as ProducerView;
}

export interface Farmer extends MadeUser {
  producer: ProducerView;
}

/** A new user with a producer profile supported by `branchId`, holding a refreshed token with the farmer role. */
export async function makeFarmer(
  t: TestApp,
  options: { branchId: string; producer?: Partial<ProducerBody>; user?: MakeUserOptions },
): Promise<Farmer> {
  const user = await makeUser(t, options.user);
  const producer = await makeProducer(t, user.accessToken, {
    ...options.producer,
    branchId: options.branchId,
  });
  const accessToken = await tokenFor(t, user.id);
  return { ...user, roles: [...new Set([...user.roles, 'farmer' as const])], accessToken, producer };
}

/** POST /api/products as the farmer: a draft. */
export async function makeProduct(
  t: TestApp,
  farmer: { accessToken: string },
  overrides: ProductOverrides = {},
): Promise<ProductView> {
  const res = await t
    .http()
    .post('/api/products')
    .set(authHeader(farmer.accessToken))
    .send(productBody(overrides));
  expectStatus(res, 201, 'makeProduct');
  return res.body as ProductView;
}

export async function submitProduct(
  t: TestApp,
  farmer: { accessToken: string },
  productId: string,
): Promise<ProductView> {
  const res = await t.http().post(`/api/products/${productId}/submit`).set(authHeader(farmer.accessToken));
  expectStatus(res, 200, 'submitProduct');
  return res.body as ProductView;
}

export async function verifyProduct(
  t: TestApp,
  admin: { accessToken: string },
  productId: string,
): Promise<ProductView> {
  const res = await t
    .http()
    .post(`/api/admin/products/${productId}/verify`)
    .set(authHeader(admin.accessToken));
  expectStatus(res, 200, 'verifyProduct');
  return res.body as ProductView;
}

/** A product created, submitted and verified: active and sellable. */
export async function makeActiveProduct(
  t: TestApp,
  options: { farmer: { accessToken: string }; admin: { accessToken: string } } & ProductOverrides,
): Promise<ProductView> {
  const { farmer, admin, ...overrides } = options;
  const draft = await makeProduct(t, farmer, overrides);
  await submitProduct(t, farmer, draft.id);
  return verifyProduct(t, admin, draft.id);
}
