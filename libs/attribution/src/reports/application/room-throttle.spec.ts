import { RoomThrottle, ThrottleTimers } from './room-throttle';

/** Manual timers: time moves only when the test says so. */
class ManualTimers implements ThrottleTimers {
  private at = 0;
  private seq = 0;
  private readonly due = new Map<number, { at: number; fn: () => void }>();
  now(): number {
    return this.at;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.due.set(id, { at: this.at + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.due.delete(handle as number);
  }
  async advance(ms: number): Promise<void> {
    const end = this.at + ms;
    for (;;) {
      const next = [...this.due.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (!next || next[1].at > end) break;
      this.due.delete(next[0]);
      this.at = next[1].at;
      next[1].fn();
      await Promise.resolve();
      await Promise.resolve();
    }
    this.at = end;
  }
}

describe('dashboard throttling', () => {
  it('an order rush of 100 changes in one second gives about 4 refreshes, the last one after the last change', async () => {
    const timers = new ManualTimers();
    const flushes: number[] = [];
    let latest = 0;
    const seen: number[] = [];
    const throttle = new RoomThrottle(
      250,
      async () => {
        flushes.push(timers.now());
        seen.push(latest);
      },
      timers,
    );
    for (let i = 1; i <= 100; i++) {
      latest = i;
      throttle.changed('dashboard:branch:hn');
      await timers.advance(10);
    }
    await timers.advance(1000);
    expect(flushes.length).toBeGreaterThanOrEqual(4);
    expect(flushes.length).toBeLessThanOrEqual(5);
    for (let i = 1; i < flushes.length; i++)
      expect(flushes[i]! - flushes[i - 1]!).toBeGreaterThanOrEqual(250);
    expect(seen.at(-1)).toBe(100);
  });

  it('a single order after a quiet spell refreshes at once; rooms are throttled independently', async () => {
    const timers = new ManualTimers();
    const flushed: string[] = [];
    const throttle = new RoomThrottle(250, async (room) => void flushed.push(room), timers);
    throttle.changed('a');
    throttle.changed('b');
    await timers.advance(0);
    expect(flushed).toEqual(['a', 'b']);
    await timers.advance(5000);
    throttle.changed('a');
    await timers.advance(0);
    expect(flushed).toEqual(['a', 'b', 'a']);
  });

  it('a change while a refresh is being read gets its own trailing refresh; quiet rooms are forgotten', async () => {
    const timers = new ManualTimers();
    let release: () => void = () => undefined;
    let calls = 0;
    const throttle = new RoomThrottle(
      250,
      () => {
        calls++;
        return calls === 1 ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
      },
      timers,
    );
    throttle.changed('r');
    await timers.advance(0);
    expect(calls).toBe(1);
    throttle.changed('r'); // arrives while the first refresh is still reading
    release();
    await timers.advance(249);
    expect(calls).toBe(1);
    await timers.advance(1);
    expect(calls).toBe(2);
    await timers.advance(1000);
    expect(throttle.size).toBe(0);
  });

  it('stop drops every pending refresh', async () => {
    const timers = new ManualTimers();
    let calls = 0;
    const throttle = new RoomThrottle(250, async () => void calls++, timers);
    throttle.changed('r');
    await timers.advance(0);
    throttle.changed('r');
    throttle.stop();
    await timers.advance(1000);
    expect(calls).toBe(1);
    expect(throttle.size).toBe(0);
  });
});
