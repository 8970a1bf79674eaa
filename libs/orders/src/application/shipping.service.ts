import { Injectable } from '@nestjs/common';
import { CatalogueFacade } from '@ocop/catalogue';
import { multiplyVnd, sumVnd } from '@ocop/kernel';
import {
  FREE_SHIPPING,
  OrderError,
  ShippingRate,
  shippingFee,
  splitByProducer,
  validateLines,
  validateShippingRate,
} from '../domain';
import { ShippingRepository } from '../infrastructure/shipping.repository';
import { CheckoutReads } from './checkout-reads';

/** One producer's part of a quote: what its order would cost, shipping included. */
export interface QuoteOrderView {
  producerId: string;
  producerName: string;
  productIds: string[];
  goodsVnd: number;
  shippingFeeVnd: number;
  totalVnd: number;
  /** The producer's rate, so the sheet can say "free from 300.000 ₫". */
  flatFeeVnd: number;
  freeFromVnd: number | null;
}

export interface CheckoutQuoteView {
  orders: QuoteOrderView[];
  /** Products that are not on sale now (they would refuse the checkout). */
  unavailable: string[];
  goodsVnd: number;
  shippingFeeVnd: number;
  /** What the buyer pays in all: the courier collects it for cash on delivery. */
  totalVnd: number;
}

export interface ShippingRateView {
  flatFeeVnd: number;
  freeFromVnd: number | null;
}

/**
 * Producers' shipping fees: the farmer sets theirs; a quote prices a would-be checkout with the same rule
 * (domain/shipping.ts) the checkout charges, so the sheet shows the figure the server will charge.
 */
@Injectable()
export class ShippingService {
  constructor(
    private readonly shipping: ShippingRepository,
    private readonly catalogue: CatalogueFacade,
    private readonly reads: CheckoutReads,
  ) {}

  async rateOfFarmer(userId: string): Promise<ShippingRateView> {
    const producerId = await this.producerOf(userId);
    return (await this.shipping.ratesOf([producerId])).get(producerId) ?? FREE_SHIPPING;
  }

  async setRateOfFarmer(
    userId: string,
    input: { flatFeeVnd?: unknown; freeFromVnd?: unknown },
  ): Promise<ShippingRateView> {
    const rate: ShippingRate = validateShippingRate(input);
    const producerId = await this.producerOf(userId);
    await this.shipping.saveRate(producerId, rate);
    return rate;
  }

  async quote(input: { lines?: unknown; sessionId?: string }): Promise<CheckoutQuoteView> {
    const lines = validateLines(input.lines);
    const [products, dealPrices] = await Promise.all([
      Promise.all(lines.map((l) => this.reads.sellableProduct(l.productId))),
      input.sessionId
        ? this.shipping.runningDealPrices(
            input.sessionId,
            lines.map((l) => l.productId),
          )
        : Promise.resolve(new Map<string, number>()),
    ]);
    const unavailable: string[] = [];
    const priced: { productId: string; producerId: string; lineTotalVnd: number }[] = [];
    lines.forEach((line, i) => {
      const product = products[i];
      if (!product) {
        unavailable.push(line.productId);
        return;
      }
      const unit = dealPrices.get(line.productId) ?? product.priceVnd;
      priced.push({
        productId: line.productId,
        producerId: product.producerId,
        lineTotalVnd: multiplyVnd(unit, line.quantity),
      });
    });
    const groups = splitByProducer(priced);
    const producerIds = groups.map((g) => g.producerId);
    const [rates, contacts] = await Promise.all([
      this.shipping.ratesOf(producerIds),
      this.shipping.contactsOf(producerIds),
    ]);
    const orders = groups.map((g): QuoteOrderView => {
      const rate = rates.get(g.producerId) ?? FREE_SHIPPING;
      const goodsVnd = sumVnd(g.lines.map((l) => l.lineTotalVnd));
      const fee = shippingFee(rate, goodsVnd);
      return {
        producerId: g.producerId,
        producerName: contacts.get(g.producerId)?.name ?? '',
        productIds: g.lines.map((l) => l.productId),
        goodsVnd,
        shippingFeeVnd: fee,
        totalVnd: goodsVnd + fee,
        flatFeeVnd: rate.flatFeeVnd,
        freeFromVnd: rate.freeFromVnd,
      };
    });
    return {
      orders,
      unavailable,
      goodsVnd: sumVnd(orders.map((o) => o.goodsVnd)),
      shippingFeeVnd: sumVnd(orders.map((o) => o.shippingFeeVnd)),
      totalVnd: sumVnd(orders.map((o) => o.totalVnd)),
    };
  }

  private async producerOf(userId: string): Promise<string> {
    const producer = await this.catalogue.findProducerOfUser(userId);
    if (!producer) {
      throw new OrderError('PRODUCER_REQUIRED', 'Create your producer profile before setting a shipping fee');
    }
    return producer.id;
  }
}
