import { Injectable } from '@nestjs/common';
import { CatalogueFacade, ProductView } from '@ocop/catalogue';
import { LiveFacade, SessionView } from '@ocop/live';

/** How long a read made for a checkout serves the next ones. */
export const CHECKOUT_READ_TTL_MS = 1_000;
const MAX_ENTRIES = 10_000;

/**
 * A read-through cache with a short time to live that also coalesces concurrent loads: during a flash sale two
 * thousand checkouts arriving together read the session and the product once, not two thousand times.
 */
export class ShortLivedCache<T> {
  private readonly entries = new Map<string, { value: Promise<T>; expires: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    const t = this.now();
    const hit = this.entries.get(key);
    if (hit && hit.expires > t) return hit.value;
    if (this.entries.size >= MAX_ENTRIES) this.evict(t);
    const value = load();
    this.entries.set(key, { value, expires: t + this.ttlMs });
    // A failed load is not remembered.
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }

  private evict(t: number): void {
    for (const [key, entry] of this.entries) if (entry.expires <= t) this.entries.delete(key);
    // Still full of live entries: drop the oldest (a Map iterates in insertion order).
    while (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}

/**
 * What a checkout reads before its transaction: the session, the products and which of them have a deal running.
 * Served from a cache of at most CHECKOUT_READ_TTL_MS: nothing read here decides stock or limits (the transaction's
 * conditional statements do); a read at most a second old only prices the lines (a list price changed in the last
 * second may apply to a checkout) and answers SOLD_OUT early for a product whose stock was already gone.
 */
@Injectable()
export class CheckoutReads {
  private readonly sessions = new ShortLivedCache<SessionView | null>(CHECKOUT_READ_TTL_MS);
  private readonly products = new ShortLivedCache<ProductView | null>(CHECKOUT_READ_TTL_MS);
  private readonly deals = new ShortLivedCache<ReadonlySet<string>>(CHECKOUT_READ_TTL_MS);

  constructor(
    private readonly live: LiveFacade,
    private readonly catalogue: CatalogueFacade,
  ) {}

  session(sessionId: string): Promise<SessionView | null> {
    return this.sessions.get(sessionId, () => this.live.findSession(sessionId));
  }

  sellableProduct(productId: string): Promise<ProductView | null> {
    return this.products.get(productId, () => this.catalogue.getSellableProduct(productId));
  }

  productsWithRunningDeals(sessionId: string): Promise<ReadonlySet<string>> {
    return this.deals.get(
      sessionId,
      async () => new Set(await this.live.productsWithRunningDeals(sessionId)),
    );
  }
}
