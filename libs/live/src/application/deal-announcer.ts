import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Clock, CLOCK } from '@ocop/kernel';
import { RealtimeEmitter, rooms } from '@ocop/realtime';
import { DEAL_ANNOUNCE_INTERVAL_MS } from '../domain';
import { FlashDealsRepository } from '../infrastructure/flash-deals.repository';
import { dealView } from './views';

/** Throttle entries older than this are forgotten (a deal lasts at most 20 minutes plus a 10-minute countdown). */
const FORGET_AFTER_MS = 60_000;

/**
 * Sends `deal:update` with the deal as it stands in the database to the session's room. State changes (start, open,
 * end) go out at once; taken and returned units go through a per-deal throttle: the first change goes out at once,
 * later ones within DEAL_ANNOUNCE_INTERVAL_MS collapse into one trailing update that reads the row when it fires,
 * so the last value always reaches the room. The throttle is per process: with N api replicas a deal's room hears
 * at most about 4N updates a second, however many buyers race for it.
 */
@Injectable()
export class DealAnnouncer implements OnApplicationShutdown {
  private readonly log = new Logger(DealAnnouncer.name);
  private readonly lastSent = new Map<string, number>();
  private readonly trailing = new Map<string, NodeJS.Timeout>();
  /** Sends of one deal run one after the other, so a slow read never overtakes a newer one in the room. */
  private readonly inFlight = new Map<string, Promise<void>>();
  private closed = false;

  constructor(
    private readonly deals: FlashDealsRepository,
    private readonly emitter: RealtimeEmitter,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A state change: announced now, replacing any update still waiting for this deal. */
  async now(dealId: string): Promise<void> {
    const timer = this.trailing.get(dealId);
    if (timer) clearTimeout(timer);
    this.trailing.delete(dealId);
    this.lastSent.set(dealId, Date.now());
    await this.send(dealId);
  }

  /** Units were taken or given back: announced at most every DEAL_ANNOUNCE_INTERVAL_MS per deal, trailing edge. */
  soon(dealId: string): void {
    if (this.closed || this.trailing.has(dealId)) return;
    const wait = (this.lastSent.get(dealId) ?? 0) + DEAL_ANNOUNCE_INTERVAL_MS - Date.now();
    if (wait <= 0) {
      this.lastSent.set(dealId, Date.now());
      this.forgetOld();
      void this.send(dealId);
      return;
    }
    const timer = setTimeout(() => {
      this.trailing.delete(dealId);
      this.lastSent.set(dealId, Date.now());
      void this.send(dealId);
    }, wait);
    timer.unref();
    this.trailing.set(dealId, timer);
  }

  onApplicationShutdown(): void {
    this.closed = true;
    for (const timer of this.trailing.values()) clearTimeout(timer);
    this.trailing.clear();
  }

  private send(dealId: string): Promise<void> {
    const previous = this.inFlight.get(dealId) ?? Promise.resolve();
    const next = previous.then(() => this.deliver(dealId));
    this.inFlight.set(dealId, next);
    void next.then(() => {
      if (this.inFlight.get(dealId) === next) this.inFlight.delete(dealId);
    });
    return next;
  }

  /** Never throws: a lost update is corrected by the next one, and GET /sessions/:id/deals has the truth. */
  private async deliver(dealId: string): Promise<void> {
    if (this.closed) return;
    try {
      const deal = await this.deals.findById(dealId);
      if (!deal) return;
      this.emitter.emit(rooms.session(deal.sessionId), 'deal:update', dealView(deal, this.clock.now()));
    } catch (error) {
      this.log.warn({ err: error, dealId }, 'Could not announce a flash deal to its room');
    }
  }

  private forgetOld(): void {
    if (this.lastSent.size < 1_000) return;
    const cutoff = Date.now() - FORGET_AFTER_MS;
    for (const [dealId, at] of this.lastSent) if (at < cutoff) this.lastSent.delete(dealId);
  }
}
