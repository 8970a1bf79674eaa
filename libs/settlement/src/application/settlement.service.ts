import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { TransactionRunner } from '@ocop/db';
import { Page, PageRequest, pageOffset } from '@ocop/kernel';
import type { OrderStatusChangedPayload } from '@ocop/orders';
import { assertPayout, entriesFor, ledgerCsv, PAYOUT_BANKS, SettlementError } from '../domain';
import { EntryRow, LedgerRepository, ProducerBalanceRow } from '../infrastructure/ledger.repository';
import { PayosPayoutsRepository, PayoutAccountRow } from '../infrastructure/payos-payouts.repository';
import { ProducerAccess, producerNotFound } from './producer-access';

export interface LedgerEntryView {
  id: string;
  kind: EntryRow['kind'];
  amountVnd: number;
  orderId: string | null;
  orderCode: string | null;
  payoutReference: string | null;
  createdAt: string;
  payos: EntryRow['payos'];
}

export interface PayoutAccountView {
  bankBin: string;
  /** The bank's short name (from the list of banks payouts can reach). */
  bankName: string;
  accountNumber: string;
  accountName: string;
  updatedAt: string;
}

export type ProducerBalanceView = ProducerBalanceRow;

export interface ProducerLedgerView {
  balance: ProducerBalanceView;
  entries: Page<LedgerEntryView>;
  /** Where payouts through payOS go; null until the farmer gives one. */
  payoutAccount: PayoutAccountView | null;
}

export function payoutAccountView(a: PayoutAccountRow | null): PayoutAccountView | null {
  return a
    ? {
        bankBin: a.bankBin,
        bankName: PAYOUT_BANKS.find((b) => b.bin === a.bankBin)?.name ?? a.bankBin,
        accountNumber: a.accountNumber,
        accountName: a.accountName,
        updatedAt: a.updatedAt.toISOString(),
      }
    : null;
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
    payos: e.payos,
  };
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
    private readonly access: ProducerAccess,
    private readonly payouts: PayosPayoutsRepository,
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
    await this.access.assertAdminSees(adminUserId, producerId);
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
    return this.ledgerOf(await this.access.ownProducerId(userId), page);
  }

  async farmerCsv(userId: string): Promise<string> {
    return this.csvOf(await this.access.ownProducerId(userId));
  }

  async adminProducers(adminUserId: string): Promise<ProducerBalanceView[]> {
    const root = await this.access.adminRootBranchId(adminUserId);
    if (!root) return [];
    return this.ledger.balancesInSubtree(root);
  }

  async adminLedger(adminUserId: string, producerId: string, page: PageRequest): Promise<ProducerLedgerView> {
    await this.access.assertAdminSees(adminUserId, producerId);
    return this.ledgerOf(producerId, page);
  }

  async adminCsv(adminUserId: string, producerId: string): Promise<string> {
    await this.access.assertAdminSees(adminUserId, producerId);
    return this.csvOf(producerId);
  }

  /** The invariant's two sides for one producer: the balance row and the sum of its entries. */
  audit(producerId: string): Promise<{ balanceVnd: number; entriesVnd: number }> {
    return this.ledger.audit(producerId);
  }

  private async ledgerOf(producerId: string, page: PageRequest): Promise<ProducerLedgerView> {
    const [balance, entries, account] = await Promise.all([
      this.ledger.balanceOf(producerId),
      this.ledger.entriesOf(producerId, page.pageSize, pageOffset(page)),
      this.payouts.accountOf(producerId),
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
      payoutAccount: payoutAccountView(account),
    };
  }

  private async csvOf(producerId: string): Promise<string> {
    return ledgerCsv(await this.ledger.allEntriesOf(producerId));
  }
}
