/**
 * Coalesces bursts of changes per key (a socket room) into at most one flush per `intervalMs`, leading and
 * trailing: the first change after a quiet interval flushes at once; changes during the interval schedule one
 * more flush at its end. A flush reads the figures fresh, so the last change is always shown, however many
 * changes were coalesced. Kept in process: each worker replica throttles what it hears.
 */
export interface ThrottleTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const SYSTEM_TIMERS: ThrottleTimers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

interface KeyState {
  lastAt: number;
  /** The scheduled flush. */
  timer: unknown;
  /** Forgets the key once it has been quiet for a whole interval after its last flush. */
  forget: unknown;
}

export class RoomThrottle {
  private readonly keys = new Map<string, KeyState>();

  constructor(
    private readonly intervalMs: number,
    private readonly flush: (key: string) => Promise<void>,
    private readonly timers: ThrottleTimers = SYSTEM_TIMERS,
  ) {}

  /** Something behind `key` changed. */
  changed(key: string): void {
    let state = this.keys.get(key);
    if (!state) {
      state = { lastAt: -Infinity, timer: null, forget: null };
      this.keys.set(key, state);
    }
    if (state.forget !== null) {
      this.timers.clearTimeout(state.forget);
      state.forget = null;
    }
    if (state.timer !== null) return; // the pending flush will read the latest figures
    const wait = Math.max(0, state.lastAt + this.intervalMs - this.timers.now());
    const scheduled = state;
    state.timer = this.timers.setTimeout(() => void this.run(key, scheduled), wait);
  }

  /** Keys this throttle still remembers (scheduled, flushing, or within an interval of their last flush). */
  get size(): number {
    return this.keys.size;
  }

  /** Drops every scheduled flush (shutdown). */
  stop(): void {
    for (const state of this.keys.values()) {
      if (state.timer !== null) this.timers.clearTimeout(state.timer);
      if (state.forget !== null) this.timers.clearTimeout(state.forget);
    }
    this.keys.clear();
  }

  private async run(key: string, state: KeyState): Promise<void> {
    state.timer = null;
    state.lastAt = this.timers.now();
    try {
      await this.flush(key);
    } finally {
      // A change during the flush has already scheduled the trailing flush; otherwise forget the key later.
      if (state.timer === null && this.keys.get(key) === state) {
        state.forget = this.timers.setTimeout(() => {
          if (this.keys.get(key) === state && state.timer === null) this.keys.delete(key);
        }, this.intervalMs);
      }
    }
  }
}
