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
  currency: 'VND',
  stripePublishableKey: null,
  timeZone: 'Asia/Ho_Chi_Minh',
};

function confirmedAnswer(quantity: number): Schema<'CheckoutResponse'> {
  return {
    checkoutId: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d',
    orders: [
      {
        id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
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
  onCheckout: ((call: CheckoutCall) => Response | Promise<Response>)[];
}) {
  const calls: CheckoutCall[] = [];
  const fetchFn = jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(String(input), init);
    const url = new URL(request.url, 'http://localhost');
    if (request.method === 'GET' && url.pathname === '/api/me/addresses')
      return json(200, options.addresses ?? []);
    if (request.method === 'GET' && url.pathname === '/api/client-config') return json(200, clientConfig);
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
  return { calls, fetchFn };
}

function renderSheet(overrides: Partial<CheckoutItem> = {}) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const onClose = jest.fn();
  const opener = document.createElement('button');
  opener.textContent = 'Mua';
  document.body.append(opener);
  opener.focus();
  const view = render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter>
        <CheckoutSheet item={{ ...item, ...overrides }} sessionId={SESSION_ID} onClose={onClose} />
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
});
