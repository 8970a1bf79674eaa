import { Inject, Injectable } from '@nestjs/common';
import { CatalogueFacade } from '@ocop/catalogue';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { TransactionRunner } from '@ocop/db';
import { AdminScopeService } from '@ocop/identity';
import { isUuid, Page, PageRequest, pageOffset } from '@ocop/kernel';
import type { OrderStatusChangedPayload } from '@ocop/orders';
import { assertPayout, entriesFor, ledgerCsv, SettlementError } from '../domain';
import { EntryRow, LedgerRepository, ProducerBalanceRow } from '../infrastructure/ledger.repository';

export interface LedgerEntryView {
  id: string;
  kind: EntryRow['kind'];
  amountVnd: number;
  orderId: string | null;
  orderCode: string | null;
  payoutReference: string | null;
  createdAt: string;
}

export type ProducerBalanceView = ProducerBalanceRow;

export interface ProducerLedgerView {
  balance: ProducerBalanceView;
  entries: Page<LedgerEntryView>;
}

function entryView(e: EntryRow): LedgerEntryView {
  return {
    id: e.id,
    kind: e.kind,
    amountVnd: e.amountVnd,
    orderId: e.orderId,
    orderCode: e.orderCode,
    payoutReference: e.payoutReference,
    createdAt: e.createdAt.toISOString(),
  };
}

function producerNotFound(producerId: string): SettlementError {
  return new SettlementError('PRODUCER_NOT_FOUND', 'No such producer', { producerId });
}

/**
 * What each producer is owed. Entries come from orders' committed status changes (the outbox, at least once: each
 * order writes each kind once, and the balance moves only by what was inserted); payouts are recorded by an admin
 * whose subtree holds the producer. A farmer sees only their own ledger, an admin only their subtree's; others 404.
 */
@Injectable()
export class SettlementService {
  private readonly feeBps: number;

  constructor(
    private readonly ledger: LedgerRepository,
    private readonly tx: TransactionRunner,
    private readonly catalogue: CatalogueFacade,
    private readonly scope: AdminScopeService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.feeBps = config.SETTLEMENT_FEE_BPS;
  }

  /** The orders.status-changed subscriber: the entries this change calls for, each once. */
  async recordChange(change: OrderStatusChangedPayload): Promise<number> {
    const planned = entriesFor({ ...change, totalVnd: Number(change.totalVnd) }, this.feeBps);
    if (planned.length === 0) return 0;
    return this.tx.run(async (em) => {
      const added = await this.ledger.insertOrderEntries(em, change.producerId, change.orderId, planned);
      if (added !== 0) await this.ledger.addToBalance(em, change.producerId, added);
      return added;
    });
  }

  /**
   * A payout made to the producer (by bank transfer, outside the platform), recorded once per reference. Larger than
   * the balance: PAYOUT_EXCEEDS_BALANCE; the same reference with another amount: PAYOUT_ALREADY_RECORDED.
   */
  async recordPayout(
    adminUserId: string,
    producerId: string,
    input: { amountVnd: number; reference: string },
  ): Promise<LedgerEntryView> {
    await this.assertAdminSees(adminUserId, producerId);
    const entry = await this.tx.run(async (em) => {
      const balance = await this.ledger.lockBalance(em, producerId);
      const earlier = await this.ledger.findPayout(em, producerId, input.reference);
      if (earlier) {
        if (earlier.amountVnd === -input.amountVnd) return earlier;
        throw new SettlementError(
          'PAYOUT_ALREADY_RECORDED',
          'A payout with this reference was already recorded',
          {
            amountVnd: -earlier.amountVnd,
          },
        );
      }
      assertPayout(input.amountVnd, balance);
      const inserted = await this.ledger.insertPayout(
        em,
        producerId,
        input.amountVnd,
        input.reference,
        adminUserId,
      );
      await this.ledger.addToBalance(em, producerId, -input.amountVnd);
      return inserted;
    });
    return entryView(entry);
  }

  async farmerLedger(userId: string, page: PageRequest): Promise<ProducerLedgerView> {
    return this.ledgerOf(await this.ownProducerId(userId), page);
  }

  async farmerCsv(userId: string): Promise<string> {
    return this.csvOf(await this.ownProducerId(userId));
  }

  async adminProducers(adminUserId: string): Promise<ProducerBalanceView[]> {
    const root = await this.scope.adminBranchOf(adminUserId);
    if (!root) return [];
    return this.ledger.balancesInSubtree(root.id);
  }

  async adminLedger(adminUserId: string, producerId: string, page: PageRequest): Promise<ProducerLedgerView> {
    await this.assertAdminSees(adminUserId, producerId);
    return this.ledgerOf(producerId, page);
  }

  async adminCsv(adminUserId: string, producerId: string): Promise<string> {
    await this.assertAdminSees(adminUserId, producerId);
    return this.csvOf(producerId);
  }

  /** The invariant's two sides for one producer: the balance row and the sum of its entries. */
  audit(producerId: string): Promise<{ balanceVnd: number; entriesVnd: number }> {
    return this.ledger.audit(producerId);
  }

  private async ledgerOf(producerId: string, page: PageRequest): Promise<ProducerLedgerView> {
    const [balance, entries] = await Promise.all([
      this.ledger.balanceOf(producerId),
      this.ledger.entriesOf(producerId, page.pageSize, pageOffset(page)),
    ]);
    if (!balance) throw producerNotFound(producerId);
    return {
      balance,
      entries: {
        items: entries.items.map(entryView),
        page: page.page,
        pageSize: page.pageSize,
        total: entries.total,
      },
    };
  }

  private async csvOf(producerId: string): Promise<string> {
    return ledgerCsv(await this.ledger.allEntriesOf(producerId));
  }

  private async ownProducerId(userId: string): Promise<string> {
    const producer = await this.catalogue.findProducerOfUser(userId);
    if (!producer) throw producerNotFound('');
    return producer.id;
  }

  /** An admin whose subtree holds the producer; any other producer is unknown to them. */
  private async assertAdminSees(adminUserId: string, producerId: string): Promise<void> {
    const producer = isUuid(producerId) ? await this.catalogue.findProducer(producerId) : null;
    if (!producer || !(await this.scope.isInScope(adminUserId, producer.branchId))) {
      throw producerNotFound(producerId);
    }
  }
}
