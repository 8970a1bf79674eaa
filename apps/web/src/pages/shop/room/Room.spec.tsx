/** @jest-environment ./apps/web/src/test/jsdom-environment.cjs */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import type { Schema } from '../../../api/client';
import { AuthProvider } from '../../../auth/AuthProvider';
import i18n from '../../../i18n';
import type { ChatMessage } from '../../../realtime/contract';
import type { RoomState } from '../../../realtime/useSessionRoom';
import { ChatPanel } from '../ChatPanel';
import { BagSheet } from './BagSheet';
import { bagRows, CHAT_WINDOW } from './room-logic';
import { UpcomingPanel } from './UpcomingPanel';

function wrap(ui: React.ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <AuthProvider>
        <MemoryRouter>{ui}</MemoryRouter>
      </AuthProvider>
    </QueryClientProvider>,
  );
}

const baseState: RoomState = {
  connected: true,
  joined: true,
  role: 'viewer',
  pins: [],
  stock: {},
  viewers: 3,
  messages: [],
  pinnedMessage: null,
  slowModeSeconds: 0,
  reactions: undefined,
  lastReactionBurst: undefined,
  deals: [],
  announcements: [],
  mutedUntil: null,
  banned: false,
};

const when = (second: number) => new Date(Date.UTC(2026, 6, 1, 3, 0, second)).toISOString();
const message = (seq: number, text: string, name = `Khách ${seq}`): ChatMessage =>
  ({
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    sessionId: 's',
    seq,
    userId: `u${seq}`,
    displayName: name,
    text,
    createdAt: when(seq),
  }) as ChatMessage;

const card = (productId: string, name: string, stock = 10): Schema<'LineupCardResponse'> => ({
  productId,
  name,
  priceVnd: 150_000,
  stock,
  stars: 4,
  group: 'food',
  image: null,
  sellable: true,
  pinned: false,
  perBuyerLimit: null,
});

beforeAll(async () => {
  await i18n.changeLanguage('vi');
});
afterEach(cleanup);

describe('the chat over the video', () => {
  it('shows names in bold and purchase lines among the messages, the newest at the bottom', () => {
    wrap(
      <ChatPanel
        sessionId="s"
        send={jest.fn()}
        chatOpen
        state={{
          ...baseState,
          messages: [message(1, 'Chào shop'), message(30, 'Còn màu xanh không?', 'Trần Nam')],
          announcements: [
            {
              sessionId: 's',
              orderId: 'o1',
              buyerName: 'Lan',
              ward: 'Xã Bát Tràng',
              lines: [{ productId: 'p', productName: 'Bình gốm', quantity: 2 }],
              at: when(10),
            },
          ],
        }}
      />,
    );
    const lines = within(screen.getByTestId('chat-list')).getAllByRole('listitem');
    expect(lines.map((li) => li.textContent)).toEqual([
      'Khách 1 Chào shop',
      'Lan vừa mua 2 × Bình gốm',
      'Trần Nam Còn màu xanh không?',
    ]);
    expect(lines[2]!.querySelector('strong')?.textContent).toBe('Trần Nam');
  });

  it('keeps only the last lines on screen in a busy room', () => {
    const many = Array.from({ length: CHAT_WINDOW + 20 }, (_, i) => message(i + 1, `tin ${i + 1}`));
    wrap(<ChatPanel sessionId="s" send={jest.fn()} chatOpen state={{ ...baseState, messages: many }} />);
    const shown = screen.getAllByTestId('chat-message');
    expect(shown).toHaveLength(CHAT_WINDOW);
    expect(shown[shown.length - 1]!.textContent).toContain(`tin ${CHAT_WINDOW + 20}`);
  });

  it('offers a guest a sign-in link in place of the input, beside the bag', () => {
    wrap(
      <ChatPanel
        sessionId="s"
        send={jest.fn()}
        chatOpen
        state={baseState}
        leading={<button type="button">bag</button>}
      />,
    );
    expect(screen.queryByTestId('chat-input')).toBeNull();
    expect(screen.getByTestId('chat-sign-in').getAttribute('href')).toContain('/sign-in?next=');
    expect(screen.getByRole('button', { name: 'bag' })).toBeTruthy();
  });
});

describe('the bag', () => {
  const lineup = [card('a', 'Bình gốm men lam'), card('b', 'Chè Tân Cương'), card('c', 'Mật ong', 0)];
  const pins = [
    { ...card('b', 'Chè Tân Cương'), pinnedAt: when(5) },
  ] as unknown as Schema<'PinnedProductResponse'>[];

  it('lists the lineup numbered in host order, marks the product shown now, and buys', () => {
    const onBuy = jest.fn();
    wrap(
      <BagSheet
        rows={bagRows(lineup, pins, [], {}, Date.parse(when(0)))}
        now={Date.parse(when(0))}
        canBuy
        closedReason={null}
        onBuy={onBuy}
        onClose={jest.fn()}
      />,
    );
    const items = screen.getAllByTestId('bag-item');
    expect(items.map((li) => within(li).getByTestId('bag-number').textContent)).toEqual(['#1', '#2', '#3']);
    expect(items.map((li) => li.getAttribute('data-showing'))).toEqual(['false', 'true', 'false']);
    expect(within(items[1]!).getByTestId('bag-showing').textContent).toBe('Đang giới thiệu');
    expect((within(items[2]!).getByTestId('bag-buy') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(items[1]!).getByTestId('bag-buy'));
    expect(onBuy).toHaveBeenCalledWith(expect.objectContaining({ number: 2, showing: true }));
  });

  it('before the start, says why buying is closed and keeps Buy off', () => {
    wrap(
      <BagSheet
        rows={bagRows(lineup, [], [], {}, 0)}
        now={0}
        canBuy={false}
        closedReason="Chưa mở bán"
        onBuy={jest.fn()}
        onClose={jest.fn()}
      />,
    );
    expect(screen.getByTestId('bag-closed-reason').textContent).toBe('Chưa mở bán');
    expect(screen.getAllByTestId('bag-buy').every((b) => (b as HTMLButtonElement).disabled)).toBe(true);
  });
});

describe('an upcoming room', () => {
  it('counts down to the start in days and a clock, with remind-me and the reason buying waits', () => {
    const now = Date.parse(when(0));
    const start = new Date(now + ((24 + 2) * 3600 + 3 * 60 + 4) * 1000).toISOString();
    wrap(
      <UpcomingPanel
        sessionId="s"
        title="Chè Ba Vì"
        startsAt={start}
        now={now}
        lineup={[card('a', 'Chè búp')]}
        onOpenBag={jest.fn()}
      />,
    );
    expect(screen.getByTestId('room-countdown').textContent).toBe('1 ngày 02:03:04');
    expect(screen.getByTestId('remind-button')).toBeTruthy();
    expect(screen.getByTestId('room-not-open').textContent).toContain('Chưa mở bán');
  });
});
