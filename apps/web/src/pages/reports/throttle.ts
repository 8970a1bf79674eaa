export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const browserTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface Throttled {
  (): void;
  cancel(): void;
}

/**
 * Runs `fn` at most once per `intervalMs`, leading and trailing: the first call after a quiet interval runs at
 * once; calls during the interval schedule one more run at its end (so the last change is always fetched).
 */
export function throttle(fn: () => void, intervalMs: number, timers: Timers = browserTimers): Throttled {
  let lastAt = -Infinity;
  let pending: unknown;
  const run = () => {
    pending = undefined;
    lastAt = timers.now();
    fn();
  };
  const throttled = (() => {
    const wait = lastAt + intervalMs - timers.now();
    if (wait <= 0 && pending === undefined) return run();
    if (pending === undefined) pending = timers.setTimeout(run, Math.max(0, wait));
  }) as Throttled;
  throttled.cancel = () => {
    if (pending !== undefined) timers.clearTimeout(pending);
    pending = undefined;
  };
  return throttled;
}
