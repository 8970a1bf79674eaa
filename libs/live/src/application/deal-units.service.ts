import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CatalogueFacade } from '@ocop/catalogue';
import { isUuid } from '@ocop/kernel';
import { buyerAllowance, dealState, LiveError } from '../domain';
import { FlashDealsRepository } from '../infrastructure/flash-deals.repository';
import { ListingQuotasRepository } from '../infrastructure/listing-quotas.repository';

export type DealTake =
  | { ok: true; dealId: string; priceVnd: number; listPriceVnd: number }
  | {
      ok: false;
      code: 'SOLD_OUT' | 'BUYER_LIMIT_REACHED' | 'DEAL_ENDED';
      message: string;
      details: Record<string, unknown>;
    };

export type QuotaTake =
  | { ok: true }
  | { ok: false; code: 'BUYER_LIMIT_REACHED'; message: string; details: Record<string, unknown> };

export interface TakeDealUnitsInput {
  sessionId: string;
  productId: string;
  buyerUserId: string;
  quantity: number;
  dealId?: string;
  now: Date;
}

export interface ReturnDealUnitsInput {
  dealId: string;
  buyerUserId: string;
  quantity: number;
  reference: string;
}

export interface ListingQuotaInput {
  sessionId: string;
  productId: string;
  buyerUserId: string;
  quantity: number;
}

function assertUnits(quantity: number, buyerUserId: string): void {
  if (!Number.isSafeInteger(quantity) || quantity < 1) {
    throw new RangeError(`A quantity of units is a positive whole number, not ${String(quantity)}`);
  }
  if (!isUuid(buyerUserId)) throw new RangeError('buyerUserId is not a user id');
}

function dealEnded(dealId: string, state: 'upcoming' | 'ended'): DealTake {
  return {
    ok: false,
    code: 'DEAL_ENDED',
    message: state === 'upcoming' ? 'This flash deal has not opened yet' : 'This flash deal has ended',
    details: { dealId, state },
  };
}

function dealLimitReached(dealId: string, perBuyerLimit: number, boughtByBuyer: number): DealTake {
  const allowed = buyerAllowance(perBuyerLimit, boughtByBuyer);
  return {
    ok: false,
    code: 'BUYER_LIMIT_REACHED',
    message: `You may buy ${allowed} more at the deal price`,
    details: { dealId, perBuyerLimit, boughtByBuyer, allowed },
  };
}

/**
 * Deal units and lineup quotas taken and given back inside the orders context's checkout transaction. Every decision
 * is a conditional statement; refusals are answers, never SQL errors, so the caller's transaction stays usable.
 * Lock order: the deal row first, then the buyer's row, in every path.
 */
@Injectable()
export class DealUnitsService {
  constructor(
    private readonly deals: FlashDealsRepository,
    private readonly quotas: ListingQuotasRepository,
    private readonly catalogue: CatalogueFacade,
  ) {}

  async take(em: EntityManager, input: TakeDealUnitsInput): Promise<DealTake | null> {
    assertUnits(input.quantity, input.buyerUserId);
    if (input.dealId !== undefined && !isUuid(input.dealId)) return dealEnded(input.dealId, 'ended');
    if (!isUuid(input.sessionId) || !isUuid(input.productId)) return null;
    const taken = await this.deals.take(em, {
      dealId: input.dealId ?? null,
      sessionId: input.sessionId,
      productId: input.productId,
      quantity: input.quantity,
      now: input.now,
    });
    if (!taken) return this.whyNot(em, input);
    const held = await this.deals.addBuyerUnits(
      em,
      taken.id,
      input.buyerUserId,
      input.quantity,
      taken.perBuyerLimit,
    );
    if (held === null) {
      await this.deals.addRemaining(em, taken.id, input.quantity);
      const bought = await this.deals.buyerUnits(em, taken.id, input.buyerUserId);
      return dealLimitReached(taken.id, taken.perBuyerLimit, bought);
    }
    return { ok: true, dealId: taken.id, priceVnd: taken.priceVnd, listPriceVnd: taken.listPriceVnd };
  }

  /** Units back to the deal while it has not ended (under its row lock), else to the product's stock. */
  async giveBack(em: EntityManager, input: ReturnDealUnitsInput): Promise<'deal' | 'product'> {
    assertUnits(input.quantity, input.buyerUserId);
    const deal = isUuid(input.dealId) ? await this.deals.lock(em, input.dealId) : null;
    if (!deal) throw new LiveError('DEAL_NOT_FOUND', 'No such flash deal', { dealId: input.dealId });
    if (deal.endedAt === null) {
      await this.deals.addRemaining(em, deal.id, input.quantity);
      await this.deals.removeBuyerUnits(em, deal.id, input.buyerUserId, input.quantity);
      return 'deal';
    }
    await this.catalogue.releaseStock(deal.productId, input.quantity, {
      manager: em,
      reference: input.reference,
    });
    return 'product';
  }

  async takeQuota(em: EntityManager, input: ListingQuotaInput): Promise<QuotaTake> {
    assertUnits(input.quantity, input.buyerUserId);
    if (!isUuid(input.sessionId) || !isUuid(input.productId)) return { ok: true };
    const taken = await this.quotas.take(em, input);
    if (taken.ok) return { ok: true };
    const allowed = buyerAllowance(taken.perBuyerLimit, taken.boughtByBuyer);
    return {
      ok: false,
      code: 'BUYER_LIMIT_REACHED',
      message: `You may buy ${allowed} more of this product in this session`,
      details: {
        productId: input.productId,
        perBuyerLimit: taken.perBuyerLimit,
        boughtByBuyer: taken.boughtByBuyer,
        allowed,
      },
    };
  }

  async giveBackQuota(em: EntityManager, input: ListingQuotaInput): Promise<void> {
    assertUnits(input.quantity, input.buyerUserId);
    if (!isUuid(input.sessionId) || !isUuid(input.productId)) return;
    await this.quotas.giveBack(em, input);
  }

  /** The take was refused: read why, for the answer only (the UPDATE decided). */
  private async whyNot(em: EntityManager, input: TakeDealUnitsInput): Promise<DealTake | null> {
    const deal = input.dealId
      ? await this.deals.findById(input.dealId, em)
      : await this.deals.findRunning(input.sessionId, input.productId, em);
    const state = deal ? dealState(deal, input.now) : 'ended';
    if (input.dealId) {
      if (!deal || deal.sessionId !== input.sessionId || deal.productId !== input.productId) {
        return dealEnded(input.dealId, 'ended');
      }
      if (state !== 'open') return dealEnded(deal.id, state);
    } else if (!deal || state !== 'open') {
      return null;
    }
    const bought = await this.deals.buyerUnits(em, deal.id, input.buyerUserId);
    if (input.quantity > buyerAllowance(deal.perBuyerLimit, bought)) {
      return dealLimitReached(deal.id, deal.perBuyerLimit, bought);
    }
    return {
      ok: false,
      code: 'SOLD_OUT',
      message: deal.remaining === 0 ? 'The deal is sold out' : `Only ${deal.remaining} left`,
      details: { dealId: deal.id, remaining: deal.remaining },
    };
  }
}
