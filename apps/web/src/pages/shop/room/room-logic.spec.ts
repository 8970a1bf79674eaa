import type { ChatMessage, Deal, OrderConfirmed, PinnedProduct } from '../../../realtime/contract';
import { bagRows, chatWindow, clock, countdownTo, initials, nowShowing } from './room-logic';

const at = (minute: number, second = 0) => new Date(Date.UTC(2026, 6, 1, 3, minute, second)).toISOString();

function message(seq: number, createdAt: string, text = `tin ${seq}`): ChatMessage {
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    sessionId: 's',
    seq,
    userId: 'u',
    displayName: `Người xem ${seq}`,
    text,
    createdAt,
  } as ChatMessage;
}

function purchase(orderId: string, when: string): OrderConfirmed & { at: string } {
  return {
    sessionId: 's',
    orderId,
    buyerName: 'Lan',
    ward: 'Xã Bát Tràng',
    lines: [{ productId: 'p1', productName: 'Bình gốm', quantity: 1 }],
    at: when,
  };
}

describe('the chat over the video', () => {
  it('mixes purchase lines in by time, the newest at the bottom', () => {
    const entries = chatWindow(
      [message(1, at(0, 1)), message(2, at(0, 30))],
      [purchase('o1', at(0, 10)), purchase('o2', at(0, 40))],
    );
    expect(entries.map((e) => e.key)).toEqual([
      `m-${message(1, '').id}`,
      'p-o1-0',
      `m-${message(2, '').id}`,
      'p-o2-1',
    ]);
  });

  it('keeps only the last lines of a busy room (older ones have scrolled away)', () => {
    const messages = Array.from({ length: 50 }, (_, i) => message(i + 1, at(1, i)));
    const entries = chatWindow(messages, [], 7);
    expect(entries).toHaveLength(7);
    expect(entries[0]!.kind === 'message' && entries[0]!.message.seq).toBe(44);
    expect(entries[6]!.kind === 'message' && entries[6]!.message.seq).toBe(50);
  });

  it('lines of the same moment keep the order they arrived in', () => {
    const entries = chatWindow([message(1, at(2)), message(2, at(2))], [purchase('o', at(2))]);
    expect(entries.map((e) => e.kind)).toEqual(['message', 'message', 'purchase']);
  });
});

describe('the product shown now and the bag', () => {
  const pin = (productId: string, minute: number) => ({ productId, pinnedAt: at(minute) }) as PinnedProduct;
  const lineup = [
    { productId: 'a', name: 'Bình gốm men lam', priceVnd: 450_000, stock: 12, sellable: true },
    { productId: 'b', name: 'Chè Tân Cương', priceVnd: 180_000, stock: 40, sellable: true },
    { productId: 'c', name: 'Mật ong Ba Vì', priceVnd: 220_000, stock: 0, sellable: true },
  ];

  it('the host shows the product pinned last', () => {
    expect(nowShowing([pin('a', 1), pin('c', 5), pin('b', 3)])?.productId).toBe('c');
    expect(nowShowing([])).toBeUndefined();
  });

  it('numbers the lineup #1, #2, #3 in the host order and marks the one being shown', () => {
    const rows = bagRows(lineup, [pin('a', 1), pin('b', 4)], [], {}, Date.parse(at(10)));
    expect(rows.map((r) => [r.number, r.product.productId, r.showing, r.pinned])).toEqual([
      [1, 'a', false, true],
      [2, 'b', true, true],
      [3, 'c', false, false],
    ]);
  });

  it('says the live stock, and the deal units left while a flash deal runs', () => {
    const deal = {
      id: 'd',
      productId: 'b',
      state: 'open',
      endsAt: at(12),
      remaining: 7,
      priceVnd: 150_000,
    } as Deal;
    const ended = { ...deal, id: 'e', productId: 'a', endsAt: at(9) } as Deal;
    const rows = bagRows(lineup, [], [deal, ended], { a: 5 }, Date.parse(at(10)));
    expect(rows.map((r) => [r.left, r.deal?.id])).toEqual([
      [5, undefined],
      [7, 'd'],
      [0, undefined],
    ]);
  });
});

describe('the countdown of an upcoming room', () => {
  it('splits the time left into days, hours, minutes and seconds', () => {
    const now = Date.parse(at(0));
    const start = new Date(now + ((2 * 24 + 3) * 3600 + 4 * 60 + 5) * 1000).toISOString();
    const left = countdownTo(start, now);
    expect(left).toEqual({ days: 2, hours: 3, minutes: 4, seconds: 5, done: false });
    expect(clock(left)).toBe('03:04:05');
  });

  it('is done once the start has come', () => {
    expect(countdownTo(at(0), Date.parse(at(1)))).toMatchObject({ done: true, seconds: 0 });
  });
});

describe("the host's avatar", () => {
  it('shows the first and last initials', () => {
    expect(initials('Nguyễn Thị Hoa')).toBe('NH');
    expect(initials('lan')).toBe('L');
    expect(initials('  ')).toBe('?');
  });
});
