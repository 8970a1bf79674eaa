import { throttle, type Timers } from './throttle';

function fakeTimers() {
  let now = 0;
  const queue: { at: number; fn: () => void; id: number }[] = [];
  let next = 1;
  const timers: Timers = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = next++;
      queue.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout: (id) => {
      const index = queue.findIndex((entry) => entry.id === id);
      if (index >= 0) queue.splice(index, 1);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const entry of queue.filter((item) => item.at <= now)) {
      queue.splice(queue.indexOf(entry), 1);
      entry.fn();
    }
  };
  return { timers, advance };
}

describe('throttle', () => {
  it('runs at once, then once more at the end of a burst', () => {
    const { timers, advance } = fakeTimers();
    const fn = jest.fn();
    const throttled = throttle(fn, 3000, timers);
    throttled();
    expect(fn).toHaveBeenCalledTimes(1);
    throttled();
    throttled();
    advance(1000);
    throttled();
    expect(fn).toHaveBeenCalledTimes(1);
    advance(2000);
    expect(fn).toHaveBeenCalledTimes(2);
    advance(10_000);
    expect(fn).toHaveBeenCalledTimes(2);
    throttled();
    expect(fn).toHaveBeenCalledTimes(3);
  });

  it('cancel drops the trailing run', () => {
    const { timers, advance } = fakeTimers();
    const fn = jest.fn();
    const throttled = throttle(fn, 1000, timers);
    throttled();
    throttled();
    throttled.cancel();
    advance(5000);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
