/**
 * A per-socket token bucket for inbound events, kept in process (a socket lives on one replica). Bursts up to
 * `burst` events pass; past that, events are refused until the bucket refills at `perSecond`. A socket that keeps
 * flooding after being refused `disconnectAfter` times within a window is disconnected.
 */
export interface FloodGuardOptions {
  burst: number;
  perSecond: number;
  disconnectAfter: number;
}

export const DEFAULT_FLOOD_GUARD: FloodGuardOptions = { burst: 30, perSecond: 10, disconnectAfter: 200 };

export type FloodVerdict = 'pass' | 'refuse' | 'disconnect';

export class FloodGuard {
  private tokens: number;
  private refused = 0;
  private last: number;

  constructor(
    private readonly options: FloodGuardOptions = DEFAULT_FLOOD_GUARD,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.tokens = options.burst;
    this.last = now();
  }

  check(): FloodVerdict {
    const now = this.now();
    const elapsed = (now - this.last) / 1000;
    this.last = now;
    this.tokens = Math.min(this.options.burst, this.tokens + elapsed * this.options.perSecond);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      // Good behaviour slowly forgives earlier refusals.
      if (this.refused > 0 && elapsed > 1) this.refused = Math.max(0, this.refused - Math.floor(elapsed));
      return 'pass';
    }
    this.refused += 1;
    return this.refused >= this.options.disconnectAfter ? 'disconnect' : 'refuse';
  }
}
