import { AsyncLocalStorage } from 'node:async_hooks';
import type { Clock } from '@ocop/kernel';

interface Played {
  at: Date | null;
}

/**
 * The seed's clock: the system's time, except while the seed makes the demo's past, when it is set to the moment
 * being played (a session going on air six weeks ago, an order delivered two days later). Every service reads "now"
 * from it, so what they stamp is the past they were told, by their own rules. Work started with `lane` has a time of
 * its own, so several stretches of the past can be played at once.
 */
export class SeedClock implements Clock {
  private readonly lanes = new AsyncLocalStorage<Played>();
  private readonly global: Played = { at: null };

  now(): Date {
    const at = (this.lanes.getStore() ?? this.global).at;
    return at ? new Date(at.getTime()) : new Date();
  }

  /** Plays `at` (in the current lane, else for everyone) until the next set or release. */
  set(at: Date): void {
    (this.lanes.getStore() ?? this.global).at = new Date(at.getTime());
  }

  /** Back to the system's time. */
  release(): void {
    (this.lanes.getStore() ?? this.global).at = null;
  }

  /** Runs `work` with a time of its own, starting at the system's. */
  lane<T>(work: () => Promise<T>): Promise<T> {
    return this.lanes.run({ at: null }, work);
  }
}
