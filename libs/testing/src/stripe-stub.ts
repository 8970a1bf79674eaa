import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import Stripe from 'stripe';
import { FormValue, OpenApiSubset, parseForm, validateStripeRequest } from './stripe-spec-validator';

/** The committed subset of Stripe's OpenAPI description (see test/stripe/extract-spec.mjs). */
export const STRIPE_SPEC_SUBSET_PATH = path.resolve(
  __dirname,
  '../../../test/stripe/stripe-openapi-subset.json',
);

let cachedSpec: OpenApiSubset | undefined;
export function loadStripeSpecSubset(): OpenApiSubset {
  cachedSpec ??= JSON.parse(readFileSync(STRIPE_SPEC_SUBSET_PATH, 'utf8')) as OpenApiSubset;
  return cachedSpec;
}

export interface StubRequest {
  method: string;
  path: string;
  params: Record<string, FormValue>;
  idempotencyKey: string | undefined;
  /** The HTTP status the stub answered. */
  status: number;
  problems: string[];
}

type StripeObject = Record<string, unknown> & { id: string; object: string };

export interface StripeStub {
  /** Base URL for STRIPE_API_URL, e.g. http://127.0.0.1:41234. */
  url: string;
  /** Every request received, in order. */
  requests: StubRequest[];
  intents: Map<string, StripeObject>;
  refunds: Map<string, StripeObject>;
  /** Status new refunds get (card refunds usually succeed at once; some stay pending). */
  refundStatus: 'succeeded' | 'pending' | 'failed';
  /**
   * An outage: while set, requests whose method and path match are answered with `status` (an api_error, as Stripe
   * answers when it fails on its side) before anything is executed or remembered under their idempotency key.
   */
  outage: { method: string; path: RegExp; status: number } | null;
  /** The buyer completes (or fails) the payment: moves an intent as Stripe would, and returns the object. */
  setIntentStatus(intentId: string, status: string): StripeObject;
  /** A webhook delivery signed with the real library: the JSON payload and its Stripe-Signature header. */
  webhookEvent(
    type: string,
    object: Record<string, unknown>,
    options?: { id?: string; timestamp?: number; secret?: string; created?: number },
  ): { id: string; payload: string; header: string };
  close(): Promise<void>;
}

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

function stripeError(status: number, message: string, type = 'invalid_request_error', code?: string) {
  return { status, body: { error: { type, message, ...(code ? { code } : {}) } } };
}

/**
 * A local Stripe for tests: the real `stripe` client is pointed at it (STRIPE_API_URL). It keeps PaymentIntents and
 * Refunds in memory, honours Idempotency-Key like Stripe, and validates every request against Stripe's OpenAPI
 * description, answering 400 as Stripe would to an unknown or mistyped parameter.
 */
export async function startStripeStub(options: { webhookSecret?: string } = {}): Promise<StripeStub> {
  const spec = loadStripeSpecSubset();
  const signer = new Stripe('sk_test_stub_signer');
  const idempotent = new Map<string, { fingerprint: string; status: number; body: unknown }>();

  const stub: StripeStub = {
    url: '',
    requests: [],
    intents: new Map(),
    refunds: new Map(),
    refundStatus: 'succeeded',
    outage: null,
    setIntentStatus(intentId, status) {
      const intent = stub.intents.get(intentId);
      if (!intent) throw new Error(`No PaymentIntent ${intentId} in the stub`);
      intent['status'] = status;
      if (status === 'succeeded') intent['amount_received'] = intent['amount'];
      return { ...intent };
    },
    webhookEvent(type, object, eventOptions = {}) {
      const secret = eventOptions.secret ?? options.webhookSecret;
      if (!secret)
        throw new Error('startStripeStub({ webhookSecret }) or a secret is needed to sign webhooks');
      const eventId = eventOptions.id ?? id('evt');
      const payload = JSON.stringify({
        id: eventId,
        object: 'event',
        api_version: Stripe.API_VERSION,
        created: eventOptions.created ?? Math.floor(Date.now() / 1000),
        type,
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        data: { object },
      });
      const header = signer.webhooks.generateTestHeaderString({
        payload,
        secret,
        timestamp: eventOptions.timestamp,
      });
      return { id: eventId, payload, header };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  function handle(
    method: string,
    path: string,
    params: Record<string, FormValue>,
  ): { status: number; body: unknown } {
    const intentPath = /^\/v1\/payment_intents\/([^/]+)(\/cancel)?$/.exec(path);
    if (method === 'POST' && path === '/v1/payment_intents') {
      const intentId = id('pi');
      const intent: StripeObject = {
        id: intentId,
        object: 'payment_intent',
        amount: Number(params['amount']),
        amount_received: 0,
        currency: params['currency'],
        status: 'requires_payment_method',
        client_secret: `${intentId}_secret_${randomBytes(12).toString('hex')}`,
        description: params['description'] ?? null,
        metadata: params['metadata'] ?? {},
        payment_method_types: Object.values(
          (params['payment_method_types'] as Record<string, string>) ?? { 0: 'card' },
        ),
        capture_method: params['capture_method'] ?? 'automatic',
        created: Math.floor(Date.now() / 1000),
        livemode: false,
      };
      stub.intents.set(intentId, intent);
      return { status: 200, body: intent };
    }
    if (intentPath) {
      const intent = stub.intents.get(intentPath[1] ?? '');
      if (!intent)
        return stripeError(
          404,
          `No such payment_intent: '${intentPath[1]}'`,
          'invalid_request_error',
          'resource_missing',
        );
      if (method === 'GET') return { status: 200, body: intent };
      if (intentPath[2]) {
        if (intent['status'] === 'succeeded' || intent['status'] === 'canceled') {
          return stripeError(
            400,
            `You cannot cancel this PaymentIntent because it has a status of ${String(intent['status'])}.`,
            'invalid_request_error',
            'payment_intent_unexpected_state',
          );
        }
        intent['status'] = 'canceled';
        intent['cancellation_reason'] = params['cancellation_reason'] ?? null;
        return { status: 200, body: intent };
      }
      Object.assign(intent, params);
      return { status: 200, body: intent };
    }
    if (method === 'POST' && path === '/v1/refunds') {
      const intent = stub.intents.get(String(params['payment_intent'] ?? ''));
      if (!intent)
        return stripeError(
          404,
          `No such payment_intent: '${String(params['payment_intent'])}'`,
          'invalid_request_error',
          'resource_missing',
        );
      if (intent['status'] !== 'succeeded') {
        return stripeError(
          400,
          `This PaymentIntent (${intent.id}) does not have a successful charge to refund.`,
          'invalid_request_error',
          'charge_not_refundable',
        );
      }
      const refund: StripeObject = {
        id: id('re'),
        object: 'refund',
        amount: params['amount'] ? Number(params['amount']) : intent['amount'],
        currency: intent['currency'],
        payment_intent: intent.id,
        reason: params['reason'] ?? null,
        metadata: params['metadata'] ?? {},
        status: stub.refundStatus,
        created: Math.floor(Date.now() / 1000),
      };
      stub.refunds.set(refund.id, refund);
      return { status: 200, body: refund };
    }
    return stripeError(501, `The Stripe stub does not implement ${method} ${path}`, 'api_error');
  }

  function respond(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json', 'request-id': id('req') });
    res.end(JSON.stringify(body));
  }

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const method = req.method ?? 'GET';
      const url = new URL(req.url ?? '/', 'http://stub');
      const body = Buffer.concat(chunks).toString('utf8');
      const params = parseForm(method === 'GET' || method === 'DELETE' ? url.search.slice(1) : body);
      const key = req.headers['idempotency-key'] as string | undefined;
      const record = (status: number, problems: string[] = []) =>
        stub.requests.push({ method, path: url.pathname, params, idempotencyKey: key, status, problems });

      if (!/^Bearer (sk|rk)_(test|live)_\w+$/.test(req.headers.authorization ?? '')) {
        const error = stripeError(401, 'Invalid API Key provided', 'invalid_request_error');
        record(error.status);
        return respond(res, error.status, error.body);
      }
      const outage = stub.outage;
      if (outage && outage.method === method && outage.path.test(url.pathname)) {
        const error = stripeError(
          outage.status,
          'An error occurred with our connection to Stripe.',
          'api_error',
        );
        record(error.status);
        return respond(res, error.status, error.body);
      }
      const problems = validateStripeRequest(spec, method, url.pathname, params);
      if (problems.length > 0) {
        const error = stripeError(400, problems.join('; '));
        record(error.status, problems);
        return respond(res, error.status, error.body);
      }
      if (key && method === 'POST') {
        const fingerprint = `${method} ${url.pathname} ${body}`;
        const earlier = idempotent.get(key);
        if (earlier) {
          if (earlier.fingerprint !== fingerprint) {
            const error = stripeError(
              400,
              'Keys for idempotent requests can only be used with the same parameters they were first used with.',
              'idempotency_error',
            );
            record(error.status);
            return respond(res, error.status, error.body);
          }
          record(earlier.status);
          res.setHeader('idempotent-replayed', 'true');
          return respond(res, earlier.status, earlier.body);
        }
        const result = handle(method, url.pathname, params);
        idempotent.set(key, { fingerprint, status: result.status, body: result.body });
        record(result.status);
        return respond(res, result.status, result.body);
      }
      const result = handle(method, url.pathname, params);
      record(result.status);
      return respond(res, result.status, result.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return stub;
}
