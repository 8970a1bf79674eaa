/** @jest-environment ./apps/web/src/test/jsdom-environment.cjs */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import type { Schema } from '../../api/client';
import '../../i18n';
import { OrderPage } from './OrderPage';

// The order page talks to the api through the real client (openapi-fetch -> global fetch); global fetch here is a
// scripted fake server answering as the api does (libs/orders: OrderResponse, CheckoutPaymentResponse, error bodies).

const ORDER_ID = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const CHECKOUT_ID = '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d';

const awaiting: Schema<'OrderResponse'> = {
  id: ORDER_ID,
  code: 'K7PQ4M2X',
  shippingFeeVnd: 0,
  checkoutId: CHECKOUT_ID,
  producerId: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e',
  status: 'pending_payment',
  paymentMethod: 'card',
  totalVnd: 480_000,
  deliveryAddress: {
    recipientName: 'Nguyễn Thị Lan',
    phone: '+84912345678',
    provinceCode: 'ha-noi',
    provinceName: 'Hà Nội',
    ward: 'Xã Bát Tràng',
    street: 'Thôn 1, số 12',
  },
  referralCode: null,
  expiresAt: '2026-07-01T03:15:00.000Z',
  placedAt: '2026-07-01T03:00:00.000Z',
  lines: [
    {
      productId: '5b0e7a52-8d3c-4f7e-9a61-2f4c8b1d0e11',
      productName: 'Mật ong hoa nhãn Hưng Yên',
      listUnitPriceVnd: 240_000,
      unitPriceVnd: 240_000,
      quantity: 2,
      lineTotalVnd: 480_000,
      dealId: null,
      sessionId: null,
    },
  ],
};

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function fakeServer(order: Schema<'OrderResponse'>, onStartPayment: (() => Response)[]) {
  const paymentCalls: string[] = [];
  globalThis.fetch = jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(String(input), init);
    const url = new URL(request.url, 'http://localhost');
    if (request.method === 'GET' && url.pathname === `/api/orders/${ORDER_ID}`) return json(200, order);
    if (request.method === 'GET' && url.pathname === '/api/client-config')
      return json(200, {
        cardPayments: true,
        currency: 'VND',
        stripePublishableKey: 'pk_test_ocop_order_page',
        timeZone: 'Asia/Ho_Chi_Minh',
      });
    const start = /^\/api\/checkouts\/([0-9a-f-]{36})\/payment$/.exec(url.pathname);
    if (request.method === 'POST' && start?.[1]) {
      paymentCalls.push(start[1]);
      const answer = onStartPayment[paymentCalls.length - 1];
      if (!answer) throw new Error(`unexpected payment start #${paymentCalls.length}`);
      return answer();
    }
    return json(404, { code: 'ROUTE_NOT_FOUND', message: 'No such route', requestId: 'req-404' });
  }) as typeof fetch;
  return { paymentCalls };
}

function renderPage() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter initialEntries={[`/orders/${ORDER_ID}`]}>
        <Routes>
          <Route path="/orders/:id" element={<OrderPage />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const originalFetch = globalThis.fetch;
afterEach(() => {
  cleanup();
  globalThis.fetch = originalFetch;
});

describe('OrderPage', () => {
  it('a card order awaiting payment offers to pay; the tap starts the payment of its checkout', async () => {
    const server = fakeServer(awaiting, [
      () =>
        json(503, {
          code: 'TRY_AGAIN',
          message: 'A brief interruption on our side: send the same request again',
          details: { reason: 'database_connection_lost', retryAfterSeconds: 1 },
          requestId: 'req-pay-1',
        }),
      () =>
        json(200, {
          checkoutId: CHECKOUT_ID,
          paymentId: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
          clientSecret: 'pi_ocop_order_secret_abc',
          amountVnd: 480_000,
          orderIds: [ORDER_ID],
        }),
    ]);
    renderPage();
    const pay = await screen.findByTestId('order-pay');
    expect(document.querySelector('article.order-page')?.getAttribute('data-status')).toBe('pending_payment');
    expect(within(pay).getByRole('heading').textContent).toBe('Chờ thanh toán');
    // Opening the page starts nothing: the shopper decides.
    expect(server.paymentCalls).toEqual([]);

    fireEvent.click(within(pay).getByTestId('start-payment'));
    expect((await within(pay).findByTestId('start-payment-error')).textContent).toContain('gián đoạn');
    fireEvent.click(within(pay).getByTestId('start-payment'));
    await waitFor(() => expect(within(pay).queryByTestId('start-payment')).toBeNull());
    expect(server.paymentCalls).toEqual([CHECKOUT_ID, CHECKOUT_ID]);
    // Stripe's form, for the amount the api named.
    expect(await within(pay).findByRole('button', { name: /Thanh toán 480\.000/ })).toBeTruthy();
  });

  it('offers no payment for a cash-on-delivery order', async () => {
    fakeServer({ ...awaiting, paymentMethod: 'cod', status: 'confirmed', expiresAt: null }, []);
    renderPage();
    await screen.findByTestId('order-page-code');
    expect(screen.getByRole('status').textContent).toBe('Đã xác nhận');
    expect(screen.queryByTestId('order-pay')).toBeNull();
  });

  it("shows the order code, the shipping fee, the status timeline and the seller's contact", async () => {
    fakeServer(
      {
        ...awaiting,
        paymentMethod: 'cod',
        status: 'shipped',
        expiresAt: null,
        shippingFeeVnd: 30_000,
        producer: { name: 'HTX Gốm Bát Tràng', phone: '+84987654321' },
        history: [
          { status: 'confirmed', at: '2026-07-01T03:00:00.000Z' },
          { status: 'shipped', at: '2026-07-02T03:00:00.000Z' },
        ],
      },
      [],
    );
    renderPage();
    expect((await screen.findByTestId('order-page-code')).textContent).toBe('K7PQ4M2X');
    expect(screen.getByTestId('order-shipping').textContent).toMatch(/30\.000/);
    const steps = within(screen.getByTestId('order-timeline')).getAllByRole('listitem');
    expect(steps.map((li) => [li.firstChild?.textContent, li.getAttribute('data-state')])).toEqual([
      ['Đã xác nhận', 'done'],
      ['Đang giao', 'done'],
      ['Đã giao', 'next'],
    ]);
    const seller = screen.getByTestId('order-seller');
    expect(seller.textContent).toContain('HTX Gốm Bát Tràng');
    expect(
      within(seller)
        .getByRole('link', { name: /0987 654 321/ })
        .getAttribute('href'),
    ).toBe('tel:+84987654321');
  });
});
