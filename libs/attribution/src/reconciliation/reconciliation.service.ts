import { Inject, Injectable, Logger } from '@nestjs/common';
import { CatalogueFacade } from '@ocop/catalogue';
import { OutboxMessage, OutboxReader, TransactionRunner } from '@ocop/db';
import { Clock, CLOCK, vnToday } from '@ocop/kernel';
import { OrderPaymentReconciliation } from '@ocop/orders';
import { AttributionRecorder } from '../application/attribution-recorder.service';
import { ReconciliationRepository, RollUpDrift } from '../infrastructure/reconciliation.repository';
import {
  buildReport,
  Invariant,
  invariantResult,
  InvariantResult,
  ReconciliationReport,
  reportLines,
} from './domain/report';

export interface ReconcileOptions {
  /** Put right what is found (default); false only reports. */
  repair?: boolean;
  /** How many days back to check (orders placed, messages written, roll-up days); null for all time. Default 2. */
  days?: number | null;
  /**
   * How old a sale or a payment must be before its missing effect counts as broken, in ms (default 2 minutes): a
   * message still on its way is not a fault (the outbox delivers it).
   */
  graceMs?: number;
}

export const RECONCILE_DEFAULT_DAYS = 2;
export const RECONCILE_DEFAULT_GRACE_MS = 2 * 60_000;
/** Orders handled per invariant and run; a larger backlog is taken by the next runs. */
const MAX_ORDERS_PER_RUN = 5_000;
const DAY_MS = 24 * 3600_000;

/**
 * Checks the invariants the product promises and repairs what a lost message (or a hand) left undone, through the
 * same idempotent code the outbox subscribers run: a missing credit is recorded again from the order's committed
 * `orders.placed` / `orders.status-changed` messages by the attribution recorder; an order that missed its payment's
 * success is moved by the orders context's own handler; roll-ups are set to the ledger's sums, stock to its ledger's.
 * Each context checks its own invariant through its facade; this service, at the top of the dependency graph (only
 * apps import attribution), runs them in order and writes the report: one structured log line per broken
 * invariant, one summary line. A second run finds nothing.
 */
@Injectable()
export class Reconciliation {
  private readonly log = new Logger(Reconciliation.name);

  constructor(
    private readonly rows: ReconciliationRepository,
    private readonly recorder: AttributionRecorder,
    private readonly outbox: OutboxReader,
    private readonly tx: TransactionRunner,
    private readonly catalogue: CatalogueFacade,
    private readonly orderPayments: OrderPaymentReconciliation,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(options: ReconcileOptions = {}): Promise<ReconciliationReport> {
    const repair = options.repair ?? true;
    const graceMs = options.graceMs ?? RECONCILE_DEFAULT_GRACE_MS;
    const days = options.days === undefined ? RECONCILE_DEFAULT_DAYS : options.days;
    const started = this.clock.now();
    const since = days === null ? new Date(0) : new Date(started.getTime() - days * DAY_MS);
    const before = new Date(started.getTime() - graceMs);
    const fromDay = days === null ? '-infinity' : vnToday(since);
    const results: InvariantResult[] = [];

    const payments = await this.orderPayments.check({ repair, since, graceMs });
    results.push(
      invariantResult(
        'payment-follows-stripe',
        payments.events.found.map((id) => `stripe event ${id}`),
        payments.events.repaired,
      ),
    );
    results.push(
      invariantResult(
        'order-follows-payment',
        payments.found.map(
          (d) => `order ${d.orderId} ${d.status}, payment ${d.paymentId} ${d.paymentStatus}`,
        ),
        Math.min(payments.repaired, payments.found.length),
      ),
    );

    const notPlaced = await this.rows.ordersNotCredited(since, before, MAX_ORDERS_PER_RUN);
    const placedRepaired = repair
      ? await this.replay('placement-credited', 'orders.placed', notPlaced, (m) =>
          this.recorder.recordPlaced(m.payload),
        )
      : 0;
    results.push(invariantResult('placement-credited', notPlaced.map(orderKey), placedRepaired));

    const notChanged = await this.rows.ordersWithStatusNotCredited(since, before, MAX_ORDERS_PER_RUN);
    const changedRepaired = repair
      ? await this.replay('status-change-credited', 'orders.status-changed', notChanged, (m) =>
          this.recorder.recordStatusChange(m.payload),
        )
      : 0;
    results.push(invariantResult('status-change-credited', notChanged.map(orderKey), changedRepaired));

    const branches = await this.rows.branchRollUpDrift(fromDay);
    const streamers = await this.rows.streamerRollUpDrift(fromDay);
    let set = { branches: 0, streamers: 0 };
    if (repair && branches.length + streamers.length > 0) {
      set = await this.tx.run((em) => this.rows.setRollUpsToLedger(em, fromDay));
    }
    results.push(
      invariantResult(
        'branch-roll-ups-equal-ledger',
        branches.map(drift),
        Math.min(set.branches, branches.length),
      ),
      invariantResult(
        'streamer-roll-ups-equal-ledger',
        streamers.map(drift),
        Math.min(set.streamers, streamers.length),
      ),
    );

    const stock = await this.catalogue.reconcileStock({ repair });
    results.push(
      invariantResult(
        'stock-equals-ledger',
        stock.found.map((d) => `product ${d.productId}: stock ${d.stock}, ledger ${d.ledger}`),
        stock.repaired,
      ),
    );

    const report = buildReport({
      startedAt: started.toISOString(),
      durationMs: this.clock.now().getTime() - started.getTime(),
      repair,
      since: days === null ? null : since.toISOString(),
      results,
      outbox: await this.outbox.backlog(graceMs),
    });
    this.logReport(report);
    return report;
  }

  /**
   * Hands each order's committed messages of `topic`, oldest first, to `apply` (the subscriber's own idempotent
   * code); returns how many orders went through without an error. An order without such a message, or whose
   * replay failed, stays broken and is logged: the next run tries again.
   */
  private async replay<T extends 'orders.placed' | 'orders.status-changed'>(
    invariant: Invariant,
    topic: T,
    orderIds: readonly string[],
    apply: (message: OutboxMessage<T>) => Promise<unknown>,
  ): Promise<number> {
    if (orderIds.length === 0) return 0;
    const messages = await this.outbox.messagesAbout(topic, orderIds);
    const byOrder = new Map<string, OutboxMessage<T>[]>();
    for (const m of messages) byOrder.set(m.key, [...(byOrder.get(m.key) ?? []), m]);
    let repaired = 0;
    for (const orderId of orderIds) {
      const list = byOrder.get(orderId) ?? [];
      if (list.length === 0) {
        this.log.error(
          { reconciliation: invariant, orderId },
          `No ${topic} message to repair the order from`,
        );
        continue;
      }
      try {
        for (const message of list) await apply(message);
        repaired++;
      } catch (error) {
        this.log.error({ reconciliation: invariant, orderId, err: error }, 'Could not repair the order');
      }
    }
    return repaired;
  }

  private logReport(report: ReconciliationReport): void {
    for (const r of report.results) {
      if (r.found === 0) continue;
      this.log.warn(
        { reconciliation: r.invariant, found: r.found, repaired: r.repaired, examples: r.examples },
        `Reconciliation: ${r.invariant} broken ${r.found} time(s), ${r.repaired} repaired`,
      );
    }
    const summary = {
      reconciliation: 'summary',
      found: report.found,
      repaired: report.repaired,
      durationMs: report.durationMs,
      since: report.since,
      outboxOwed: report.outbox.owed,
      outboxOwedLong: report.outbox.owedLong,
      outboxFailing: report.outbox.failing,
    };
    const last = reportLines(report).at(-1) as string;
    if (report.found > report.repaired || report.outbox.owedLong > 0) this.log.warn(summary, last);
    else this.log.log(summary, last);
  }
}

const orderKey = (id: string): string => `order ${id}`;

const drift = (d: RollUpDrift): string =>
  `${d.key}: ledger [${d.ledger.join(',')}], roll-up [${d.rollUp.join(',')}]`;
