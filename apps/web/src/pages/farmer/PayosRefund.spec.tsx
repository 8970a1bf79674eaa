/** @jest-environment ./apps/web/src/test/jsdom-environment.cjs */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Schema } from '../../api/client';
import '../../i18n';
import { PayosRefund, showsPayosRefund } from './PayosRefund';

// The panel talks to the api through the real client (openapi-fetch -> global fetch): a scripted fake server answers
// GET /api/client-config, GET and POST /api/farmer/orders/{id}/payos-refunds as libs/settlement does.

const ORDER_ID = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

const order: Schema<'OrderResponse'> = {
  id: ORDER_ID,
  code: 'K7PQ4M2X',
  checkoutId: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d',
  producerId: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e',
  status: 'refund_due',
  paymentMethod: 'vietqr',
  totalVnd: 215_000,
  shippingFeeVnd: 30_000,
  expiresAt: null,
  placedAt: '2026-12-01T02:00:00.000Z',
  referralCode: null,
  lines: [],
  deliveryAddress: {
    recipientName: 'Nguyễn Thị Lan',
    phone: '+84912345678',
    provinceCode: 'ha-noi',
    provinceName: 'Hà Nội',
    ward: 'Xã Bát Tràng',
    street: 'Thôn 1, số 12',
  },
};

const config = (payosPayouts: boolean): Schema<'ClientConfigResponse'> => ({
  cardPayments: false,
  vietqrPayments: true,
  payosPayouts,
  simulatedBankUrl: null,
  currency: 'VND',
  stripePublishableKey: null,
  timeZone: 'Asia/Ho_Chi_Minh',
});

const payout = (over: Partial<Schema<'RefundPayoutResponse'>>): Schema<'RefundPayoutResponse'> => ({
  id: '9c2d4e6f-1a3b-4c5d-8e7f-0a1b2c3d4e5f',
  orderId: ORDER_ID,
  amountVnd: 215_000,
  status: 'pending',
  toBin: '970415',
  toAccountNumber: '9704000000000018',
  toAccountName: 'NGUYEN VAN MO PHONG',
  bankReference: null,
  errorCode: null,
  createdAt: '2026-12-02T02:00:00.000Z',
  settledAt: null,
  ...over,
});

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/** The fake api: the list answers `listed` (as it stands now), a POST answers `onSend` and lists its payout. */
function fakeServer(options: {
  payosPayouts: boolean;
  listed: Schema<'RefundPayoutResponse'>[];
  onSend?: () => Response;
}) {
  const sent: unknown[] = [];
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(String(input), init);
    const url = new URL(request.url, 'http://localhost');
    if (request.method === 'GET' && url.pathname === '/api/client-config')
      return json(200, config(options.payosPayouts));
    if (url.pathname === `/api/farmer/orders/${ORDER_ID}/payos-refunds`) {
      if (request.method === 'GET') return json(200, options.listed);
      sent.push(await request.json());
      const answer = options.onSend?.() ?? json(500, { code: 'INTERNAL', message: 'x', requestId: 'r' });
      if (answer.status === 201) options.listed = [(await answer.clone().json()) as never, ...options.listed];
      return answer;
    }
    return json(404, { code: 'ROUTE_NOT_FOUND', message: 'No such route', requestId: 'req-404' });
  }) as typeof fetch;
  return { sent };
}

function renderPanel(o: Schema<'OrderResponse'> = order) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={queryClient}>
      <PayosRefund order={o} />
    </QueryClientProvider>,
  );
}

const originalFetch = globalThis.fetch;
afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
  globalThis.fetch = originalFetch;
});

describe('PayosRefund (a VietQR order refunded through payOS)', () => {
  it('shows on VietQR orders that are refund due or refunded only', () => {
    expect(showsPayosRefund(order)).toBe(true);
    expect(showsPayosRefund({ ...order, status: 'refunded' })).toBe(true);
    expect(showsPayosRefund({ ...order, paymentMethod: 'card' })).toBe(false);
    expect(showsPayosRefund({ ...order, status: 'confirmed' })).toBe(false);
  });

  it('sends the refund (no amount: what was paid), then shows it on its way', async () => {
    const server = fakeServer({ payosPayouts: true, listed: [], onSend: () => json(201, payout({})) });
    renderPanel();
    const send = await screen.findByTestId('payos-refund-send');
    expect(send.textContent).toBe('Hoàn tiền qua payOS');
    fireEvent.click(send);
    const item = await screen.findByTestId('payos-refund-item');
    expect(item.getAttribute('data-status')).toBe('pending');
    expect(item.textContent).toContain('215.000');
    expect(server.sent).toEqual([{}]);
    await waitFor(() => expect(screen.queryByTestId('payos-refund-send')).toBeNull());
  });

  it('a failed refund can be sent again; a paid one shows its reference and no action', async () => {
    fakeServer({ payosPayouts: true, listed: [payout({ status: 'failed', errorCode: '214' })] });
    renderPanel();
    expect((await screen.findByTestId('payos-refund-item')).getAttribute('data-status')).toBe('failed');
    expect(await screen.findByTestId('payos-refund-send')).toBeTruthy();
    cleanup();

    fakeServer({
      payosPayouts: true,
      listed: [
        payout({ status: 'paid', bankReference: 'FT26341REFUND01', settledAt: '2026-12-02T03:00:00.000Z' }),
      ],
    });
    renderPanel({ ...order, status: 'refunded' });
    const paid = await screen.findByTestId('payos-refund-item');
    expect(paid.textContent).toContain('FT26341REFUND01');
    expect(screen.queryByTestId('payos-refund-send')).toBeNull();
  });

  it("an unknown payer's account says to refund by hand; payouts off: no action", async () => {
    fakeServer({
      payosPayouts: true,
      listed: [],
      onSend: () => json(422, { code: 'REFUND_ACCOUNT_UNKNOWN', message: 'unknown', requestId: 'req-1' }),
    });
    renderPanel();
    fireEvent.click(await screen.findByTestId('payos-refund-send'));
    expect((await screen.findByRole('alert')).textContent).toContain('không cho biết tài khoản');
    cleanup();

    fakeServer({ payosPayouts: false, listed: [] });
    const { container } = renderPanel();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(container.querySelector('[data-testid="payos-refund-send"]')).toBeNull();
  });
});
