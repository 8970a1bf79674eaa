import { messagesUntil, pinsAt } from './ReplaySync';
import { retryDelayMs } from './hls-attach';

const startedAt = '2026-03-01T12:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(startedAt) + seconds * 1000).toISOString();
const message = (seq: number, seconds: number) => ({
  id: `m${seq}`,
  seq,
  sessionId: 's',
  userId: 'u',
  displayName: 'Lan',
  text: `tin ${seq}`,
  createdAt: at(seconds),
});

describe('the replay in step with the video', () => {
  const messages = [message(1, -30), message(2, 5), message(3, 5.5), message(4, 60)];

  it('shows the messages said by the video time, before the first segment included', () => {
    expect(messagesUntil(messages, startedAt, 0).map((m) => m.seq)).toEqual([1]);
    expect(messagesUntil(messages, startedAt, 5.5).map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(messagesUntil(messages, startedAt, 3600).map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    expect(messagesUntil(messages, startedAt, 3600, 2).map((m) => m.seq)).toEqual([3, 4]);
  });

  it('shows the products pinned at the video time, in pin order', () => {
    const history = [
      { productId: 'b', kind: 'pin' as const, at: at(20) },
      { productId: 'a', kind: 'pin' as const, at: at(10) },
      { productId: 'a', kind: 'unpin' as const, at: at(30) },
      { productId: 'a', kind: 'pin' as const, at: at(40) },
    ];
    expect(pinsAt(history, startedAt, 5)).toEqual([]);
    expect(pinsAt(history, startedAt, 25)).toEqual(['a', 'b']);
    expect(pinsAt(history, startedAt, 35)).toEqual(['b']);
    expect(pinsAt(history, startedAt, 45)).toEqual(['b', 'a']);
  });

  it('backs off the player reloads up to 10 s', () => {
    expect([0, 1, 2, 3, 4, 9].map(retryDelayMs)).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });
});
