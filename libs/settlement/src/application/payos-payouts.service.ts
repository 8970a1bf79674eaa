import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { type PayoutTransaction } from '@payos/node';
import { OutboxWriter, TransactionRunner } from '@ocop/db';
import {
  assertPayout,
  PayosPayoutStatus,
  PayosTransferState,
  payosPayoutReference,
  payoutAccount,
  payoutDescription,
  payoutOutcome,
  PayoutAccount,
  SettlementError,
} from '../domain';
import { LedgerRepository } from '../infrastructure/ledger.repository';
import { PayosPayoutClient, refusal, transferOf } from '../infrastructure/payos-payout-client';
import { PayosPayoutRow, PayosPayoutsRepository } from '../infrastructure/payos-payouts.repository';
import { ProducerAccess } from './producer-access';
import { PayoutAccountView, payoutAccountView } from './settlement.service';

export interface PayosPayoutView {
  entryId: string;
  producerId: string;
  amountVnd: number;
  status: PayosPayoutStatus;
  toBin: string;
  toAccountNumber: string;
  toAccountName: string;
  bankReference: string | null;
  errorCode: string | null;
  createdAt: string;
  settledAt: string | null;
}

function payoutView(p: PayosPayoutRow): PayosPayoutView {
  return {
    entryId: p.entryId,
    producerId: p.producerId,
    amountVnd: p.amountVnd,
    status: p.status,
    toBin: p.toBin,
    toAccountNumber: p.toAccountNumber,
    toAccountName: p.toAccountName,
    bankReference: p.bankReference,
    errorCode: p.errorCode,
    createdAt: p.createdAt.toISOString(),
    settledAt: p.settledAt?.toISOString() ?? null,
  };
}

/**
 * Paying producers through payOS's payout channel. Opening a payout is one transaction: the balance is locked, the
 * payout entry written (it holds the amount against the balance at once, so payouts together never exceed it) with its
 * payOS row and an outbox message. payOS is then asked to make it (the entry's id is the reference and the idempotency
 * key: asking twice makes one transfer), here and by the worker, which follows the transfer until payOS answers a
 * final state: paid (the bank's reference is kept), or failed, when a reversal entry gives the amount back.
 */
@Injectable()
export class PayosPayoutsService {
  private readonly log = new Logger(PayosPayoutsService.name);

  constructor(
    private readonly client: PayosPayoutClient,
    private readonly payouts: PayosPayoutsRepository,
    private readonly ledger: LedgerRepository,
    private readonly tx: TransactionRunner,
    private readonly outbox: OutboxWriter,
    private readonly access: ProducerAccess,
  ) {}

  get enabled(): boolean {
    return this.client.api !== null;
  }

  async farmerAccount(userId: string): Promise<PayoutAccountView | null> {
    return payoutAccountView(await this.payouts.accountOf(await this.access.ownProducerId(userId)));
  }

  /** The farmer gives the account their payouts go to (the holder's name is put as the bank holds it). */
  async saveFarmerAccount(userId: string, input: PayoutAccount): Promise<PayoutAccountView> {
    const producerId = await this.access.ownProducerId(userId);
    await this.payouts.saveAccount(producerId, payoutAccount(input), userId);
    return payoutAccountView(await this.payouts.accountOf(producerId)) as PayoutAccountView;
  }

  /**
   * An admin in scope pays `amountVnd` of the producer's balance to their payout account through payOS. Answers the
   * payout pending (or already paid); payOS's refusal gives the amount back and answers PAYOUT_REFUSED.
   */
  async request(adminUserId: string, producerId: string, amountVnd: number): Promise<PayosPayoutView> {
    await this.access.assertAdminSees(adminUserId, producerId);
    if (!this.enabled) {
      throw new SettlementError('PAYOUTS_DISABLED', 'Payouts through payOS are not enabled on this server');
    }
    const opened = await this.open(adminUserId, producerId, amountVnd);
    const submitted = await this.submit(opened.entryId);
    if (submitted.status === 'failed') {
      throw new SettlementError(
        'PAYOUT_REFUSED',
        'payOS refused the payout; the amount is back in the balance',
        {
          entryId: submitted.entryId,
          payosCode: submitted.errorCode,
          payosMessage: submitted.errorMessage,
        },
      );
    }
    return payoutView(submitted);
  }

  /** The transaction that opens a payout (without asking payOS yet). */
  async open(adminUserId: string, producerId: string, amountVnd: number): Promise<PayosPayoutRow> {
    return this.tx.run(async (em) => {
      const balance = await this.ledger.lockBalance(em, producerId);
      const account = await this.payouts.accountOf(producerId, em);
      if (!account) {
        throw new SettlementError(
          'PAYOUT_ACCOUNT_MISSING',
          'The producer has not given a payout account yet',
          {
            producerId,
          },
        );
      }
      assertPayout(amountVnd, balance);
      const entryId = randomUUID();
      await this.ledger.insertPayout(
        em,
        producerId,
        amountVnd,
        payosPayoutReference(entryId),
        adminUserId,
        entryId,
      );
      await this.ledger.addToBalance(em, producerId, -amountVnd);
      const row = await this.payouts.insert(em, {
        entryId,
        producerId,
        amountVnd,
        toBin: account.bankBin,
        toAccountNumber: account.accountNumber,
        toAccountName: account.accountName,
        description: payoutDescription(entryId),
        requestedBy: adminUserId,
      });
      await this.outbox.write(em, {
        topic: 'settlement.payos-payout-opened',
        key: entryId,
        payload: { entryId, producerId },
      });
      return row;
    });
  }

  /**
   * Asks payOS to make the payout, once it is open and unless payOS already took it. Idempotent: the entry's id is
   * the idempotency key. A refusal settles it failed at once; an outage leaves it pending for the worker.
   */
  async submit(entryId: string): Promise<PayosPayoutRow> {
    const row = await this.payouts.find(entryId);
    if (!row) throw new SettlementError('PAYOUT_NOT_FOUND', 'No such payout', { entryId });
    const api = this.client.api;
    if (row.status !== 'pending' || row.payosPayoutId || !api) return row;
    try {
      const payout = await api.payouts.create(
        {
          referenceId: row.entryId,
          amount: row.amountVnd,
          description: row.description,
          toBin: row.toBin,
          toAccountNumber: row.toAccountNumber,
        },
        row.entryId,
      );
      const transfer = transferOf(payout);
      await this.payouts.recordCreated(entryId, payout.id, transfer?.state ?? 'RECEIVED');
      if (transfer) await this.applyState(entryId, transfer);
    } catch (error) {
      const refused = refusal(error);
      if (!refused) {
        this.log.warn(
          { err: error, entryId },
          'payOS did not take the payout now; the worker will ask again',
        );
      } else {
        await this.settle(entryId, 'failed', {
          payosState: 'REFUSED',
          bankReference: null,
          errorCode: refused.code,
          errorMessage: refused.message,
        });
      }
    }
    return (await this.payouts.find(entryId)) as PayosPayoutRow;
  }

  /**
   * The worker's step: makes sure payOS has the payout, then asks where its transfer stands and applies a final
   * state. Answers where the payout stands now (pending: ask again later).
   */
  async track(entryId: string): Promise<PayosPayoutStatus> {
    const row = await this.submit(entryId);
    const api = this.client.api;
    if (row.status !== 'pending' || !row.payosPayoutId || !api) return row.status;
    const transfer = transferOf(await api.payouts.get(row.payosPayoutId));
    if (!transfer) return 'pending';
    return this.applyState(entryId, transfer);
  }

  /** Pending payouts whose tracking may have been lost (Redis without its data): tracked again, oldest first. */
  async sweep(): Promise<number> {
    const stale = await this.payouts.stalePending(120, 100);
    for (const entryId of stale) {
      try {
        await this.track(entryId);
      } catch (error) {
        this.log.warn({ err: error, entryId }, 'Could not follow a pending payout; the next sweep will');
      }
    }
    return stale.length;
  }

  private async applyState(entryId: string, transfer: PayoutTransaction): Promise<PayosPayoutStatus> {
    const outcome = payoutOutcome(transfer.state as PayosTransferState);
    if (outcome === 'pending') {
      await this.payouts.notePending(entryId, transfer.state);
      return 'pending';
    }
    await this.settle(entryId, outcome, {
      payosState: transfer.state,
      bankReference: transfer.reference,
      errorCode: transfer.errorCode,
      errorMessage: transfer.errorMessage,
    });
    return outcome;
  }

  /** Applies a final outcome once: paid keeps the bank's reference; failed writes the reversal entry. */
  private async settle(
    entryId: string,
    status: Exclude<PayosPayoutStatus, 'pending'>,
    detail: {
      payosState: string;
      bankReference: string | null;
      errorCode: string | null;
      errorMessage: string | null;
    },
  ): Promise<void> {
    await this.tx.run(async (em) => {
      const row = await this.payouts.lock(em, entryId);
      if (!row || row.status !== 'pending') return;
      let reversalEntryId: string | null = null;
      if (status === 'failed') {
        reversalEntryId = await this.ledger.insertPayoutReversal(
          em,
          row.producerId,
          row.amountVnd,
          payosPayoutReference(entryId),
        );
        await this.ledger.addToBalance(em, row.producerId, row.amountVnd);
      }
      await this.payouts.settle(em, entryId, { status, ...detail, reversalEntryId });
    });
  }
}
