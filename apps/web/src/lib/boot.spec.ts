/** @jest-environment ./apps/web/src/test/jsdom-environment.cjs */
import { initialRoom } from '../realtime/useSessionRoom';
import { bootAnswer, resetBoot } from './boot';

// The first answers the api writes into the page (apps/api/src/share-cards/page-boot.ts), as the app reads them.

const SESSION = '6f1c2f8e-5d3c-4b7e-9a51-0c2d5e7f9a10';

function message(seq: number) {
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    sessionId: SESSION,
    seq,
    userId: 'u',
    displayName: `Người xem ${seq}`,
    text: `tin ${seq}`,
    createdAt: new Date(Date.UTC(2026, 6, 1, 3, 0, seq)).toISOString(),
  };
}

function writeBoot(text: string) {
  document.getElementById('ocop-boot')?.remove();
  const element = document.createElement('script');
  element.type = 'application/json';
  element.id = 'ocop-boot';
  element.textContent = text;
  document.head.append(element);
  resetBoot();
}

afterEach(() => {
  document.getElementById('ocop-boot')?.remove();
  resetBoot();
});

describe('bootAnswer', () => {
  it("gives the shell's answer for the exact api URL, as fresh data of the page's age, to a signed-out visitor", () => {
    writeBoot(
      JSON.stringify({ '/api/sessions?status=live&pageSize=24': { items: [{ id: 'a' }], total: 1 } }),
    );
    const answer = bootAnswer<{ items: { id: string }[] }>('/api/sessions?status=live&pageSize=24');
    expect(answer?.initialData.items).toEqual([{ id: 'a' }]);
    expect(answer?.initialDataUpdatedAt).toBe(performance.timeOrigin);
    expect(bootAnswer('/api/sessions?status=live&pageSize=12')).toBeUndefined();
  });

  it('gives nothing without a boot, or with a damaged one', () => {
    expect(bootAnswer('/api/products?pageSize=6')).toBeUndefined();
    writeBoot('{"/api/products?pageSize=6": ');
    expect(bootAnswer('/api/products?pageSize=6')).toBeUndefined();
  });

  it('gives nothing once the page is older than a minute (a later visit asks the api)', () => {
    writeBoot(JSON.stringify({ '/api/products?pageSize=6': { items: [] } }));
    const now = jest.spyOn(Date, 'now').mockReturnValue(performance.timeOrigin + 61_000);
    try {
      expect(bootAnswer('/api/products?pageSize=6')).toBeUndefined();
    } finally {
      now.mockRestore();
    }
  });
});

describe('initialRoom', () => {
  it("starts the room with the shell's chat, ordered by seq, so that the join only catches up", () => {
    writeBoot(
      JSON.stringify({
        [`/api/sessions/${SESSION}/messages`]: {
          messages: [message(3), message(1), message(2)],
          hasMore: false,
        },
      }),
    );
    const room = initialRoom(SESSION);
    expect(room.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(room.joined).toBe(false);
    expect(initialRoom('another-session').messages).toEqual([]);
  });
});
