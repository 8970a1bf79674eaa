import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource } from 'typeorm';
import { TransactionRunner } from '@ocop/db';
import { isUuid, parseVndColumn } from '@ocop/kernel';
import type { OrderEvent, OrderPlacedPayload, OrderStatus, OrderStatusChangedPayload } from '@ocop/orders';
import { TOTALS_CHANGED, TotalsChanged } from '../attribution.events';
import {
  attribute,
  isReinstatement,
  LedgerEntry,
  markOrderLines,
  placedEntry,
  reinstatedEntry,
  ReversalReason,
  reversalsFor,
  settledEntry,
} from '../domain';
import {
  AttributionRecordsRepository,
  StoredAttribution,
} from '../infrastructure/attribution-records.repository';
import { LedgerRepository } from '../infrastructure/ledger.repository';
import { SaleContextResolver } from './sale-context.service';
import { AttributionRecordView } from './views';

/** Statuses whose arrival reverses what the order had counted. */
const REVERSING_STATUSES: readonly OrderStatus[] = ['cancelled', 'expired', 'refund_due', 'refunded'];

export function reversalReason(event: OrderEvent): ReversalReason {
  switch (event) {
    case 'cancel':
    case 'refuse':
      return 'cancelled';
    case 'expire':
      return 'expired';
    case 'return':
      return 'returned';
    default:
      return 'refunded';
  }
}

/**
 * A message that arrived before the one it builds on (a status change of an order whose placement has not been
 * recorded yet). Thrown so that the outbox delivery fails and is retried with backoff.
 */
export class AttributionNotReadyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AttributionNotReadyError';
  }
}

function recordView(r: StoredAttribution): AttributionRecordView {
  const a = r.line.attribution;
  return {
    orderLineId: r.line.lineId,
    orderId: r.line.orderId,
    buyerUserId: r.buyerUserId,
    producerId: r.line.producerId,
    productId: r.line.productId,
    quantity: r.line.quantity,
    amountVnd: r.line.amountVnd,
    countsOrder: r.line.countsOrder,
    channel: a.channel,
    rule: a.rule,
    sessionId: a.sessionId ?? null,
    hostUserId: a.hostUserId ?? null,
    referralCode: a.referralCode ?? null,
    shareCode: r.shareCode,
    branchId: a.branchId ?? null,
    branchPath: [...a.branchPath],
    placedAt: r.placedAt.toISOString(),
    attributedAt: a.attributedAt.toISOString(),
  };
}

/**
 * Writes attribution as orders happen: on `orders.placed` the immutable record of every line and its placed
 * entries; on `orders.status-changed` the settled entries, or the reversals of a cancellation, expiry, return or
 * refund. Each message is one transaction that also moves the roll-ups, only by the entries it actually wrote, so
 * the at-least-once delivery of the outbox can hand the same message over any number of times. After commit, the
 * dashboards hear TOTALS_CHANGED.
 */
@Injectable()
export class AttributionRecorder {
  private readonly log = new Logger(AttributionRecorder.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly records: AttributionRecordsRepository,
    private readonly ledger: LedgerRepository,
    private readonly context: SaleContextResolver,
    private readonly events: EventEmitter2,
  ) {}

  /** Records a placed order; returns the ledger entries this call wrote (none when it was already recorded). */
  async recordPlaced(order: OrderPlacedPayload): Promise<LedgerEntry[]> {
    if (await this.records.isFullyRecorded(this.dataSource, order.orderId, order.lines.length)) return [];
    const placedAt = new Date(order.placedAt);
    const { input, shareCode } = await this.context.inputFor(order);
    const attribution = attribute(input);
    const lines = markOrderLines(
      order.lines.map((l) => ({
        orderId: order.orderId,
        lineId: l.lineId,
        productId: l.productId,
        producerId: order.producerId,
        quantity: l.quantity,
        amountVnd: parseVndColumn(l.lineTotalVnd) as number,
        attribution,
      })),
    );
    const written = await this.tx.run(async (em) => {
      await this.records.insert(
        em,
        lines.map((line) => ({
          line,
          buyerUserId: order.buyerUserId,
          shareCode: attribution.channel === 'link' ? shareCode : null,
          placedAt,
        })),
      );
      // The stored records, not the ones just computed: a concurrent delivery of the same message may have won.
      const stored = await this.records.ofOrder(em, order.orderId);
      const appended = await this.ledger.append(
        em,
        stored.map((r) => placedEntry(r.line, r.placedAt)),
      );
      await this.ledger.rollUp(em, appended);
      return appended;
    });
    this.announce(written);
    return written;
  }

  /** Records a status change; returns the ledger entries this call wrote. */
  async recordStatusChange(change: OrderStatusChangedPayload): Promise<LedgerEntry[]> {
    const reversing = REVERSING_STATUSES.includes(change.to);
    const reinstated = change.event === 'reinstate';
    if (!change.settled && !reversing && !reinstated) return [];
    const at = new Date(change.at);
    const written = await this.tx.run(async (em) => {
      const stored = await this.records.ofOrder(em, change.orderId);
      if (stored.length === 0) {
        throw new AttributionNotReadyError(
          `order ${change.orderId} has no attribution yet (${change.event}: ${change.from} -> ${change.to}); retry`,
        );
      }
      const existing = await this.ledger.entriesOfOrder(em, change.orderId);
      const drafts: LedgerEntry[] = change.settled ? stored.map((r) => settledEntry(r.line, at)) : [];
      if (reinstated) {
        // The expiry's reversals come first: applied after this, they would reverse the line placed again too.
        const reversed = new Set(existing.filter((e) => e.reversalOf).map((e) => e.reversalOf));
        const unreversed = (e: LedgerEntry) =>
          e.kind === 'placed' && !e.reversalOf && !reversed.has(e.entryId);
        if (existing.some((e) => unreversed(e) && !isReinstatement(e))) {
          throw new AttributionNotReadyError(
            `order ${change.orderId} was reinstated but its expiry is not recorded yet; retry`,
          );
        }
        drafts.push(...stored.map((r) => reinstatedEntry(r.line, at)));
      }
      if (reversing) {
        if (change.from === 'delivered' && !change.settled && !existing.some((e) => e.kind === 'settled')) {
          // A delivered order was settled: reverse its settled entries too, once they are in.
          throw new AttributionNotReadyError(
            `order ${change.orderId} was delivered but its settlement is not recorded yet; retry`,
          );
        }
        // A change delivered again after the order was reinstated never reverses what the reinstatement placed.
        const known = new Map(
          [...drafts, ...existing]
            .filter((e) => !(isReinstatement(e) && e.occurredAt.getTime() > at.getTime()))
            .map((e) => [e.entryId, e]),
        );
        if (
          change.from === 'refund_due' &&
          reversalsFor([...known.values()], change.orderId, 'refunded', at).length > 0
        ) {
          // The refund completes a reversal that the move to refund_due makes with its own reason (cancelled,
          // returned): that message has not been recorded yet, so this one waits for it instead of taking its place.
          throw new AttributionNotReadyError(
            `order ${change.orderId} was refunded but the change that made the refund due is not recorded yet; retry`,
          );
        }
        drafts.push(...reversalsFor([...known.values()], change.orderId, reversalReason(change.event), at));
      }
      const appended = await this.ledger.append(em, drafts);
      await this.ledger.rollUp(em, appended);
      return appended;
    });
    this.announce(written);
    return written;
  }

  /** The order's attribution records (one per line); [] before its placement has been recorded. */
  async recordsOfOrder(orderId: string): Promise<AttributionRecordView[]> {
    if (!isUuid(orderId)) return [];
    return (await this.records.ofOrder(this.dataSource, orderId)).map(recordView);
  }

  private announce(entries: readonly LedgerEntry[]): void {
    if (entries.length === 0) return;
    const ids = (pick: (e: LedgerEntry) => readonly (string | undefined)[]) => [
      ...new Set(entries.flatMap((e) => pick(e).filter((x): x is string => x !== undefined))),
    ];
    const event: TotalsChanged = {
      branchIds: ids((e) => e.branchPath),
      producerIds: ids((e) => [e.producerId]),
      hostUserIds: ids((e) => [e.hostUserId]),
      sessionIds: ids((e) => [e.sessionId]),
    };
    try {
      this.events.emit(TOTALS_CHANGED, event);
    } catch (error) {
      this.log.error({ err: error }, 'A listener of attribution totals failed');
    }
  }
}
