/** @jest-environment ./apps/web/src/test/jsdom-environment.cjs */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import type { Schema } from '../../api/client';
import '../../i18n';
import { CheckoutSheet, type CheckoutItem } from './CheckoutSheet';

// The sheet talks to the api through the real client (openapi-fetch -> global fetch). Here global fetch is a
// scripted fake server: it checks each request and answers with the status codes and JSON bodies the api gives
// (libs/orders: CheckoutResponse on 201; refusals as the error filter writes them, 409 with details.lines).

const PRODUCT_ID = '5b0e7a52-8d3c-4f7e-9a61-2f4c8b1d0e11';
const SESSION_ID = '9c2d4e6f-1a3b-4c5d-8e7f-0a1b2c3d4e5f';
const ADDRESS_ID = '0f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f';

const item: CheckoutItem = {
  productId: PRODUCT_ID,
  name: 'Gốm Bát Tràng men lam',
  priceVnd: 350_000,
  stock: 12,
  perBuyerLimit: 2,
};

const savedAddress: Schema<'SavedAddressResponse'> = {
  id: ADDRESS_ID,
  recipientName: 'Nguyễn Thị Lan',
  phone: '+84912345678',
  provinceCode: 'ha-noi',
  provinceName: 'Hà Nội',
  ward: 'Xã Bát Tràng',
  street: 'Thôn 1, số 12',
  isDefault: true,
  createdAt: '2026-07-01T02:00:00.000Z',
  updatedAt: '2026-07-01T02:00:00.000Z',
};

const clientConfig: Schema<'ClientConfigResponse'> = {
  cardPayments: false,
  vietqrPayments: false,
  payosPayouts: false,
  simulatedBankUrl: null,
  currency: 'VND',
  stripePublishableKey: null,
  timeZone: 'Asia/Ho_Chi_Minh',
};

function confirmedAnswer(quantity: number): Schema<'CheckoutResponse'> {
  return {
    checkoutId: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d',
    paymentState: 'on_delivery',
    orders: [
      {
        id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
        code: 'K7PQ4M2X',
        shippingFeeVnd: 0,
        checkoutId: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d',
        producerId: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e',
        status: 'confirmed',
        paymentMethod: 'cod',
        totalVnd: 350_000 * quantity,
        deliveryAddress: {
          recipientName: 'Nguyễn Thị Lan',
          phone: '+84912345678',
          provinceCode: 'ha-noi',
          provinceName: 'Hà Nội',
          ward: 'Xã Bát Tràng',
          street: 'Thôn 1, số 12',
        },
        referralCode: null,
        expiresAt: null,
        placedAt: '2026-07-01T03:00:00.000Z',
        lines: [
          {
            productId: PRODUCT_ID,
            productName: 'Gốm Bát Tràng men lam',
            listUnitPriceVnd: 350_000,
            unitPriceVnd: 350_000,
            quantity,
            lineTotalVnd: 350_000 * quantity,
            dealId: null,
            sessionId: SESSION_ID,
          },
        ],
      },
    ],
  };
}

/** A refused checkout as the api answers it: 409, the first refused line's code, every line in details.lines. */
function refusal(code: string, message: string, lineDetails: Record<string, unknown>) {
  return {
    code,
    message,
    details: { lines: [{ productId: PRODUCT_ID, status: 'rejected', code, message, details: lineDetails }] },
    requestId: 'req-test-1',
  };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

interface CheckoutCall {
  key: string | null;
  body: Schema<'CheckoutRequestBody'>;
}

/** GET /api/provinces as the api answers it (libs/kernel provinces.ts): the 34 provinces, north to south. */
const PROVINCES: Schema<'ProvinceResponse'>[] = [
  ['ha-noi', 'Hà Nội'],
  ['hue', 'Huế'],
  ['hai-phong', 'Hải Phòng'],
  ['da-nang', 'Đà Nẵng'],
  ['ho-chi-minh', 'Thành phố Hồ Chí Minh'],
  ['can-tho', 'Cần Thơ'],
  ['tuyen-quang', 'Tuyên Quang'],
  ['cao-bang', 'Cao Bằng'],
  ['lai-chau', 'Lai Châu'],
  ['lao-cai', 'Lào Cai'],
  ['thai-nguyen', 'Thái Nguyên'],
  ['dien-bien', 'Điện Biên'],
  ['lang-son', 'Lạng Sơn'],
  ['son-la', 'Sơn La'],
  ['phu-tho', 'Phú Thọ'],
  ['bac-ninh', 'Bắc Ninh'],
  ['quang-ninh', 'Quảng Ninh'],
  ['hung-yen', 'Hưng Yên'],
  ['ninh-binh', 'Ninh Bình'],
  ['thanh-hoa', 'Thanh Hóa'],
  ['nghe-an', 'Nghệ An'],
  ['ha-tinh', 'Hà Tĩnh'],
  ['quang-tri', 'Quảng Trị'],
  ['quang-ngai', 'Quảng Ngãi'],
  ['gia-lai', 'Gia Lai'],
  ['khanh-hoa', 'Khánh Hòa'],
  ['lam-dong', 'Lâm Đồng'],
  ['dak-lak', 'Đắk Lắk'],
  ['dong-nai', 'Đồng Nai'],
  ['tay-ninh', 'Tây Ninh'],
  ['vinh-long', 'Vĩnh Long'],
  ['dong-thap', 'Đồng Tháp'],
  ['ca-mau', 'Cà Mau'],
  ['an-giang', 'An Giang'],
].map(([code, name]) => ({ code: code!, name: name! }));

/**
 * The fake api: GET /api/me/addresses, /api/client-config and /api/provinces, and POST /api/checkouts answered by `onCheckout`
 * in turn (a function per call; throwing = no answer at all). Every checkout request is checked and recorded.
 */
function fakeServer(options: {
  addresses?: Schema<'SavedAddressResponse'>[];
  config?: Schema<'ClientConfigResponse'>;
  onCheckout: ((call: CheckoutCall) => Response | Promise<Response>)[];
  /** POST /api/checkouts/{id}/payment, answered in turn. */
  onStartPayment?: ((checkoutId: string) => Response | Promise<Response>)[];
  /** GET /api/me (404 when absent). */
  me?: Schema<'ProfileResponse'>;
  /** POST /api/checkouts/quote (404 when absent). */
  quote?: (body: Schema<'CheckoutQuoteRequest'>) => Schema<'CheckoutQuoteResponse'>;
  /** GET /api/provinces/{code}/wards by province code (404 when absent). */
  wards?: Record<string, Schema<'WardResponse'>[]>;
}) {
  const calls: CheckoutCall[] = [];
  const paymentCalls: string[] = [];
  const fetchFn = jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(String(input), init);
    const url = new URL(request.url, 'http://localhost');
    if (request.method === 'GET' && url.pathname === '/api/me/addresses')
      return json(200, options.addresses ?? []);
    if (request.method === 'GET' && url.pathname === '/api/client-config')
      return json(200, options.config ?? clientConfig);
    const startPayment = /^\/api\/checkouts\/([0-9a-f-]{36})\/payment$/.exec(url.pathname);
    if (request.method === 'POST' && startPayment?.[1]) {
      paymentCalls.push(startPayment[1]);
      const answer = options.onStartPayment?.[paymentCalls.length - 1];
      if (!answer) throw new Error(`unexpected payment start #${paymentCalls.length}`);
      return answer(startPayment[1]);
    }
    if (request.method === 'GET' && url.pathname === '/api/me' && options.me) return json(200, options.me);
    if (request.method === 'POST' && url.pathname === '/api/checkouts/quote' && options.quote) {
      return json(200, options.quote((await request.json()) as Schema<'CheckoutQuoteRequest'>));
    }
    const wards = /^\/api\/provinces\/([a-z-]+)\/wards$/.exec(url.pathname);
    if (request.method === 'GET' && wards?.[1] && options.wards?.[wards[1]]) {
      return json(200, options.wards[wards[1]]);
    }
    if (request.method === 'GET' && url.pathname === '/api/provinces') {
      const answer = json(200, PROVINCES);
      answer.headers.set('Cache-Control', 'public, max-age=86400');
      return answer;
    }
    if (request.method === 'POST' && url.pathname === '/api/checkouts') {
      expect(request.headers.get('Content-Type')).toMatch(/application\/json/);
      const call: CheckoutCall = {
        key: request.headers.get('Idempotency-Key'),
        body: (await request.json()) as Schema<'CheckoutRequestBody'>,
      };
      expect(call.key).toMatch(/^[A-Za-z0-9_\-:.]{8,128}$/);
      calls.push(call);
      const answer = options.onCheckout[calls.length - 1];
      if (!answer) throw new Error(`unexpected checkout #${calls.length}`);
      return answer(call);
    }
    return json(404, { code: 'ROUTE_NOT_FOUND', message: 'No such route', requestId: 'req-404' });
  });
  globalThis.fetch = fetchFn as typeof fetch;
  return { calls, paymentCalls, fetchFn };
}

function renderSheet(
  overrides: Partial<CheckoutItem> = {},
  props: Partial<Parameters<typeof CheckoutSheet>[0]> = {},
) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const onClose = jest.fn();
  const opener = document.createElement('button');
  opener.textContent = 'Mua';
  document.body.append(opener);
  opener.focus();
  const view = render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter>
        <CheckoutSheet item={{ ...item, ...overrides }} sessionId={SESSION_ID} onClose={onClose} {...props} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return { ...view, onClose, opener };
}

async function submitWithSavedAddress() {
  const saved = await screen.findByTestId('saved-address');
  expect((saved as HTMLInputElement).checked).toBe(true);
  fireEvent.click(screen.getByTestId('checkout-submit'));
}

const originalFetch = globalThis.fetch;
afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
  globalThis.fetch = originalFetch;
});

describe('CheckoutSheet', () => {
  it('is an accessible modal dialog: labelled, focus inside, Escape closes, focus returns to the opener', async () => {
    fakeServer({ addresses: [savedAddress], onCheckout: [] });
    const { onClose, opener, unmount } = renderSheet();
    const dialog = screen.getByRole('dialog');
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.getElementById(dialog.getAttribute('aria-labelledby') ?? '')?.textContent).toBeTruthy();
    expect(dialog.contains(document.activeElement)).toBe(true);
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
    unmount();
    expect(document.activeElement).toBe(opener);
  });

  it('shows a clear sold-out state', async () => {
    const server = fakeServer({
      addresses: [savedAddress],
      onCheckout: [
        () =>
          json(409, refusal('SOLD_OUT', 'Sold out', { productId: PRODUCT_ID, requested: 1, available: 0 })),
      ],
    });
    renderSheet();
    await submitWithSavedAddress();
    const result = await screen.findByTestId('checkout-result');
    expect(result.getAttribute('data-state')).toBe('sold_out');
    expect(result.textContent).toContain('Sản phẩm đã hết hàng');
    expect(server.calls[0]?.body).toEqual({
      lines: [{ productId: PRODUCT_ID, quantity: 1 }],
      sessionId: SESSION_ID,
      address: {
        recipientName: 'Nguyễn Thị Lan',
        phone: '+84912345678',
        province: 'ha-noi',
        ward: 'Xã Bát Tràng',
        street: 'Thôn 1, số 12',
      },
      paymentMethod: 'cod',
      saveAddress: false,
    });
  });

  it('says how many are left when fewer than asked remain', async () => {
    fakeServer({
      addresses: [savedAddress],
      onCheckout: [
        () =>
          json(
            409,
            refusal('SOLD_OUT', 'Only 1 left', { productId: PRODUCT_ID, requested: 2, available: 1 }),
          ),
      ],
    });
    renderSheet();
    fireEvent.change(await screen.findByTestId('checkout-quantity'), { target: { value: '2' } });
    await submitWithSavedAddress();
    const result = await screen.findByTestId('checkout-result');
    expect(result.getAttribute('data-state')).toBe('sold_out');
    expect(result.textContent).toContain('Chỉ còn 1');
  });

  it('shows the per-buyer limit when it is reached', async () => {
    fakeServer({
      addresses: [savedAddress],
      onCheckout: [
        () =>
          json(
            409,
            refusal('BUYER_LIMIT_REACHED', 'You may buy 0 more of this product in this session', {
              productId: PRODUCT_ID,
              perBuyerLimit: 2,
              boughtByBuyer: 2,
              allowed: 0,
            }),
          ),
      ],
    });
    renderSheet();
    await submitWithSavedAddress();
    const result = await screen.findByTestId('checkout-result');
    expect(result.getAttribute('data-state')).toBe('limit_reached');
    expect(result.textContent).toContain('tối đa 2');
  });

  it('disables the submit button while the order is being placed', async () => {
    let answer: (response: Response) => void = () => undefined;
    fakeServer({
      addresses: [savedAddress],
      onCheckout: [() => new Promise<Response>((resolve) => (answer = resolve))],
    });
    renderSheet();
    await submitWithSavedAddress();
    await waitFor(() =>
      expect((screen.getByTestId('checkout-submit') as HTMLButtonElement).disabled).toBe(true),
    );
    fireEvent.click(screen.getByTestId('checkout-submit'));
    await act(async () => answer(json(201, confirmedAnswer(1))));
    expect((await screen.findByTestId('checkout-result')).getAttribute('data-state')).toBe('confirmed');
  });

  it('after a network error retries with the SAME Idempotency-Key; a new purchase then gets a new key', async () => {
    const server = fakeServer({
      addresses: [savedAddress],
      onCheckout: [
        () => {
          throw new TypeError('Failed to fetch');
        },
        () => json(201, confirmedAnswer(2)),
        () => json(201, confirmedAnswer(1)),
      ],
    });
    renderSheet();
    fireEvent.change(await screen.findByTestId('checkout-quantity'), { target: { value: '2' } });
    await submitWithSavedAddress();

    const failed = await screen.findByTestId('checkout-result');
    expect(failed.getAttribute('data-state')).toBe('error');
    expect(failed.textContent).toContain('Không kết nối được');
    // The form is locked: the retry is the same purchase, not an edited one.
    expect(screen.getByTestId('checkout-quantity').closest('fieldset[disabled]')).not.toBeNull();

    fireEvent.click(within(failed).getByTestId('checkout-retry'));
    await waitFor(() =>
      expect(screen.getByTestId('checkout-result').getAttribute('data-state')).toBe('confirmed'),
    );
    expect(screen.getByTestId('checkout-result').textContent).toContain('700.000');
    expect(server.calls).toHaveLength(2);
    expect(server.calls[1]?.key).toBe(server.calls[0]?.key);
    expect(server.calls[1]?.body).toEqual(server.calls[0]?.body);

    // A fresh purchase: a new key.
    fireEvent.click(screen.getByRole('button', { name: 'Mua thêm' }));
    await submitWithSavedAddress();
    await waitFor(() => expect(server.calls).toHaveLength(3));
    expect(server.calls[2]?.key).not.toBe(server.calls[0]?.key);
    await waitFor(() =>
      expect(screen.getByTestId('checkout-result').getAttribute('data-state')).toBe('confirmed'),
    );
  });

  it('a card checkout whose payment did not start awaits payment with a way to pay, never "confirmed"', async () => {
    const placed = confirmedAnswer(1);
    const order = placed.orders[0]!;
    const notStarted: Schema<'CheckoutResponse'> = {
      ...placed,
      paymentState: 'not_started',
      orders: [
        { ...order, status: 'pending_payment', paymentMethod: 'card', expiresAt: '2026-07-01T03:15:00.000Z' },
      ],
    };
    const server = fakeServer({
      addresses: [savedAddress],
      config: { ...clientConfig, cardPayments: true, stripePublishableKey: 'pk_test_ocop_sheet' },
      onCheckout: [() => json(201, notStarted)],
      onStartPayment: [
        // The app tries by itself at once: the card provider is still down.
        () =>
          json(503, {
            code: 'PAYMENT_PROVIDER_REJECTED',
            message: 'The card payment provider refused: An error occurred with our connection to Stripe.',
            requestId: 'req-pay-1',
          }),
        // The shopper taps: the payment starts.
        (checkoutId) =>
          json(200, {
            checkoutId,
            paymentId: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
            clientSecret: 'pi_ocop_sheet_secret_abc',
            amountVnd: 350_000,
            orderIds: [order.id],
          }),
      ],
    });
    renderSheet();
    fireEvent.click(await screen.findByTestId('pay-card'));
    await submitWithSavedAddress();

    const result = await screen.findByTestId('checkout-result');
    expect(result.getAttribute('data-state')).toBe('awaiting_payment');
    expect(result.textContent).toContain('Chờ thanh toán');
    expect(result.textContent).toContain('chưa bị trừ tiền');
    expect(result.textContent).not.toContain('Đặt hàng thành công');
    expect(server.calls[0]?.body.paymentMethod).toBe('card');

    // The automatic start failed: it says why, and offers to try again.
    expect((await screen.findByTestId('start-payment-error')).textContent).toContain('gián đoạn');
    expect(server.paymentCalls).toEqual([placed.checkoutId]);
    const again = screen.getByTestId('start-payment');
    expect(again.textContent).toContain('Thử thanh toán lại 350.000');

    fireEvent.click(again);
    // Started: Stripe's form takes the place of the button; still awaiting payment, still not confirmed.
    await waitFor(() => expect(screen.queryByTestId('start-payment')).toBeNull());
    expect(server.paymentCalls).toEqual([placed.checkoutId, placed.checkoutId]);
    expect(screen.getByTestId('checkout-result').getAttribute('data-state')).toBe('awaiting_payment');
    expect(await screen.findByRole('button', { name: /Thanh toán 350\.000/ })).toBeTruthy();
    expect(screen.queryByText('Đặt hàng thành công!')).toBeNull();
  });

  it('validates a new address and sends it (province from the api, save ticked) when none is saved', async () => {
    const server = fakeServer({ addresses: [], onCheckout: [() => json(201, confirmedAnswer(1))] });
    renderSheet();
    const name = await screen.findByTestId('address-name');
    fireEvent.click(screen.getByTestId('checkout-submit'));
    expect(server.calls).toHaveLength(0);
    expect(screen.getByTestId('address-phone').getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(name, { target: { value: 'Trần Văn Minh' } });
    fireEvent.change(screen.getByTestId('address-phone'), { target: { value: '0987 654 321' } });
    // The province list comes from GET /api/provinces; the shopper picks Hà Nội by its name, the api gets its code.
    const hanoi = await screen.findByRole<HTMLOptionElement>('option', { name: 'Hà Nội' });
    expect(screen.getByTestId('address-province').querySelectorAll('option')).toHaveLength(1 + 34);
    fireEvent.change(screen.getByTestId('address-province'), { target: { value: hanoi.value } });
    fireEvent.change(screen.getByTestId('address-ward'), { target: { value: 'Phường Hoàn Kiếm' } });
    fireEvent.change(screen.getByTestId('address-street'), { target: { value: '12 Hàng Bạc' } });
    fireEvent.click(screen.getByTestId('checkout-submit'));
    await waitFor(() =>
      expect(screen.getByTestId('checkout-result').getAttribute('data-state')).toBe('confirmed'),
    );
    expect(server.calls[0]?.body.address).toEqual({
      recipientName: 'Trần Văn Minh',
      phone: '0987 654 321',
      province: 'ha-noi',
      ward: 'Phường Hoàn Kiếm',
      street: '12 Hàng Bạc',
    });
    expect(server.calls[0]?.body.saveAddress).toBe(true);
  });

  const HANOI_WARDS: Schema<'WardResponse'>[] = [
    { code: '00004', name: 'Phường Ba Đình' },
    { code: '00070', name: 'Phường Hoàn Kiếm' },
    { code: '00577', name: 'Xã Bát Tràng' },
    { code: '00580', name: 'Xã Bát Đông' },
  ];
  const PRODUCER_ID = '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e';
  const me: Schema<'ProfileResponse'> = {
    id: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
    displayName: 'Phạm Thu Hà',
    email: null,
    phone: '+84938123456',
    roles: ['shopper'],
    hasProducerProfile: false,
    membership: null,
    pendingApplication: null,
    adminScope: null,
  };
  const quoteOf = (body: Schema<'CheckoutQuoteRequest'>): Schema<'CheckoutQuoteResponse'> => {
    const goods = body.lines.reduce((n, l) => n + 350_000 * l.quantity, 0);
    const fee = goods >= 500_000 ? 0 : 30_000;
    return {
      orders: [
        {
          producerId: PRODUCER_ID,
          producerName: 'HTX Gốm Bát Tràng',
          productIds: body.lines.map((l) => l.productId),
          goodsVnd: goods,
          shippingFeeVnd: fee,
          totalVnd: goods + fee,
          flatFeeVnd: 30_000,
          freeFromVnd: 500_000,
        },
      ],
      unavailable: [],
      goodsVnd: goods,
      shippingFeeVnd: fee,
      totalVnd: goods + fee,
    };
  };

  it('a first-timer: name and phone from the account, the ward found without diacritics, the fee and the total before confirming, then the order code and Keep watching', async () => {
    const answer = confirmedAnswer(1);
    const placed = { ...answer.orders[0]!, shippingFeeVnd: 30_000, totalVnd: 380_000 };
    const server = fakeServer({
      addresses: [],
      me,
      wards: { 'ha-noi': HANOI_WARDS },
      quote: quoteOf,
      onCheckout: [() => json(201, { ...answer, orders: [placed] })],
    });
    const { onClose } = renderSheet();
    // Prefilled from the account.
    await waitFor(() =>
      expect((screen.getByTestId('address-name') as HTMLInputElement).value).toBe('Phạm Thu Hà'),
    );
    expect((screen.getByTestId('address-phone') as HTMLInputElement).value).toBe('0938123456');

    // The shipping fee and the total the courier collects, from the api's quote.
    const quote = await screen.findByTestId('checkout-quote');
    await waitFor(() => expect(within(quote).getByTestId('quote-fee').textContent).toMatch(/30\.000/));
    expect(within(quote).getByTestId('quote-total').textContent).toMatch(/380\.000/);
    expect(quote.textContent).toContain('HTX Gốm Bát Tràng');
    expect(quote.textContent).toMatch(/500\.000/);
    expect(screen.getByTestId('checkout-submit').textContent).toMatch(/380\.000/);

    const hanoi = await screen.findByRole<HTMLOptionElement>('option', { name: 'Hà Nội' });
    fireEvent.change(screen.getByTestId('address-province'), { target: { value: hanoi.value } });
    const ward = screen.getByTestId('address-ward');
    await waitFor(() => expect((ward as HTMLInputElement).disabled).toBe(false));
    fireEvent.change(ward, { target: { value: 'bat trang' } });
    const option = await screen.findByRole('option', { name: 'Xã Bát Tràng' });
    expect(screen.queryByRole('option', { name: 'Phường Ba Đình' })).toBeNull();
    fireEvent.mouseDown(option);
    expect((ward as HTMLInputElement).value).toBe('Xã Bát Tràng');

    fireEvent.change(screen.getByTestId('address-street'), { target: { value: 'Thôn 1' } });
    fireEvent.click(screen.getByTestId('checkout-submit'));
    const result = await screen.findByTestId('checkout-result');
    expect(result.getAttribute('data-state')).toBe('confirmed');
    expect(server.calls[0]?.body.address).toMatchObject({ ward: 'Xã Bát Tràng', phone: '0938123456' });
    expect(within(result).getByTestId('order-code').textContent).toBe('K7PQ4M2X');
    expect(result.textContent).toMatch(/30\.000/);
    // Inside the room, Keep watching closes the sheet: the video never stopped.
    fireEvent.click(within(result).getByTestId('keep-watching'));
    expect(onClose).toHaveBeenCalled();
  });

  it('a ward that is not in the province list is refused before anything is sent', async () => {
    const server = fakeServer({ addresses: [], me, wards: { 'ha-noi': HANOI_WARDS }, onCheckout: [] });
    renderSheet();
    const hanoi = await screen.findByRole<HTMLOptionElement>('option', { name: 'Hà Nội' });
    fireEvent.change(screen.getByTestId('address-province'), { target: { value: hanoi.value } });
    await waitFor(() =>
      expect((screen.getByTestId('address-ward') as HTMLInputElement).disabled).toBe(false),
    );
    fireEvent.change(screen.getByTestId('address-ward'), { target: { value: 'Phường Hàng Bạc' } });
    fireEvent.change(screen.getByTestId('address-street'), { target: { value: 'Số 1' } });
    await waitFor(() =>
      expect((screen.getByTestId('address-name') as HTMLInputElement).value).toBe('Phạm Thu Hà'),
    );
    fireEvent.click(screen.getByTestId('checkout-submit'));
    expect(server.calls).toHaveLength(0);
    expect(screen.getByTestId('address-ward').getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('address-ward-error')?.textContent).toMatch(/1\/7\/2025/);
  });

  it('Add to cart keeps the line with the session and the share link it came from', async () => {
    localStorage.clear();
    fakeServer({ addresses: [savedAddress], onCheckout: [] });
    const onAddedToCart = jest.fn();
    renderSheet({}, { shareCode: 'h7Kq2mZp', onAddedToCart });
    fireEvent.change(screen.getByTestId('checkout-quantity'), { target: { value: '2' } });
    fireEvent.click(screen.getByTestId('add-to-cart'));
    expect((await screen.findByTestId('added-to-cart')).textContent).toContain('Đã thêm vào giỏ');
    expect(onAddedToCart).toHaveBeenCalledTimes(1);
    const stored = JSON.parse(localStorage.getItem('ocop.cart.v1') ?? '[]') as unknown[];
    expect(stored).toEqual([
      expect.objectContaining({
        productId: PRODUCT_ID,
        quantity: 2,
        priceVnd: 350_000,
        sessionId: SESSION_ID,
        shareCode: 'h7Kq2mZp',
      }),
    ]);
  });

  it('checks a cart out: lines of two sessions become two checkouts, each crediting its session; placed lines leave the cart', async () => {
    const OTHER_SESSION = '1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a';
    const OTHER_PRODUCT = '6c1f8b63-9e4d-4a8f-8b72-3a9d5c2e1f22';
    localStorage.setItem(
      'ocop.cart.v1',
      JSON.stringify([
        {
          productId: PRODUCT_ID,
          name: 'Gốm Bát Tràng men lam',
          priceVnd: 350_000,
          quantity: 1,
          sessionId: SESSION_ID,
          addedAt: '2026-07-01T00:00:00Z',
        },
        {
          productId: OTHER_PRODUCT,
          name: 'Chè Tân Cương',
          priceVnd: 350_000,
          quantity: 2,
          sessionId: OTHER_SESSION,
          shareCode: 'abcDEF12',
          addedAt: '2026-07-01T00:00:00Z',
        },
      ]),
    );
    const { cartLines } = await import('./cart/cart-store');
    const answer = confirmedAnswer(1);
    const second = {
      ...answer,
      checkoutId: '8b7c6d5e-4f3a-4b2c-8d1e-0f9a8b7c6d5e',
      orders: [{ ...answer.orders[0]!, id: '9c8d7e6f-5a4b-4c3d-9e2f-1a0b9c8d7e6f', code: 'M3NP8QRT' }],
    };
    const server = fakeServer({
      addresses: [savedAddress],
      me,
      quote: quoteOf,
      onCheckout: [() => json(201, answer), () => json(201, second)],
    });
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={queryClient}>
        <MemoryRouter>
          <CheckoutSheet cartLines={cartLines()} onClose={jest.fn()} />
        </MemoryRouter>
      </QueryClientProvider>,
    );
    expect(screen.getAllByTestId('checkout-line')).toHaveLength(2);
    await screen.findByTestId('saved-address');
    // Two checkouts (two sessions): two quotes, each order with its own fee, summed.
    await waitFor(() => expect(screen.getAllByTestId('quote-order')).toHaveLength(2));
    expect(screen.getByTestId('quote-total').getAttribute('data-total')).toBe(String(380_000 + 700_000));
    fireEvent.click(screen.getByTestId('checkout-submit'));
    const result = await screen.findByTestId('checkout-result');
    expect(result.getAttribute('data-state')).toBe('confirmed');
    expect(server.calls.map((c) => [c.body.sessionId, c.body.shareCode, c.body.lines])).toEqual([
      [SESSION_ID, undefined, [{ productId: PRODUCT_ID, quantity: 1 }]],
      [OTHER_SESSION, 'abcDEF12', [{ productId: OTHER_PRODUCT, quantity: 2 }]],
    ]);
    expect(server.calls[0]?.key).not.toBe(server.calls[1]?.key);
    expect(
      within(result)
        .getAllByTestId('order-code')
        .map((c) => c.textContent),
    ).toEqual(['K7PQ4M2X', 'M3NP8QRT']);
    expect(cartLines()).toEqual([]);
    // From the cart page, Keep watching opens the session the lines came from.
    expect(within(result).getByTestId('keep-watching').getAttribute('href')).toBe(`/sessions/${SESSION_ID}`);
  });
});
