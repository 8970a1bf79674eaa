import { DomainError } from '@ocop/kernel';
import {
  applyOrderEvent,
  canTransitionOrder,
  holdsPayment,
  holdsStock,
  initialOrderStatus,
  isFinalOrderStatus,
  ORDER_EVENTS,
  ORDER_STATUSES,
  OrderActor,
  OrderOwnership,
  OrderStatus,
  PAYMENT_METHODS,
  transition,
} from './order-state';

const BUYER: OrderActor = { kind: 'shopper', userId: 'buyer-1' };
const FARMER: OrderActor = { kind: 'farmer', producerId: 'farm-1' };
const SYSTEM: OrderActor = { kind: 'system' };

function order(status: OrderStatus, paymentMethod: 'cod' | 'card' = 'card'): OrderOwnership {
  return { status, paymentMethod, buyerUserId: 'buyer-1', producerId: 'farm-1' };
}

function caught(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected an error');
}

describe('order lifecycle', () => {
  it('a card order is paid, shipped and delivered', () => {
    let status = initialOrderStatus('card');
    expect(status).toBe('pending_payment');
    for (const [event, actor] of [
      ['pay', SYSTEM],
      ['ship', FARMER],
      ['deliver', FARMER],
    ] as const) {
      status = applyOrderEvent(order(status), event, actor);
    }
    expect(status).toBe('delivered');
  });

  it('a COD order is confirmed at once and the farmer ships and delivers it', () => {
    expect(initialOrderStatus('cod')).toBe('confirmed');
    expect(transition(order('pending_payment', 'cod'), 'confirm')).toBe('confirmed');
    expect(applyOrderEvent(order('confirmed', 'cod'), 'ship', FARMER)).toBe('shipped');
    expect(applyOrderEvent(order('shipped', 'cod'), 'deliver', FARMER)).toBe('delivered');
  });

  it('the shopper cancels an unpaid order before shipping: cancelled, nothing to refund', () => {
    expect(applyOrderEvent(order('pending_payment'), 'cancel', BUYER)).toBe('cancelled');
    expect(applyOrderEvent(order('confirmed', 'cod'), 'cancel', BUYER)).toBe('cancelled');
  });

  it('a paid card order cancelled before shipping becomes refund due, then refunded', () => {
    const due = applyOrderEvent(order('confirmed'), 'cancel', BUYER);
    expect(due).toBe('refund_due');
    expect(holdsPayment(order(due))).toBe(true);
    expect(applyOrderEvent(order(due), 'refund', SYSTEM)).toBe('refunded');
  });

  it('an unpaid card order past its deadline expires; a COD order never expires', () => {
    expect(applyOrderEvent(order('pending_payment'), 'expire', SYSTEM)).toBe('expired');
    expect(canTransitionOrder(order('pending_payment', 'cod'), 'expire')).toBe(false);
  });

  it('a payment that lands after the order expired (deal ended while paying) is refunded, never lost', () => {
    expect(transition(order('expired'), 'pay')).toBe('refund_due');
    expect(transition(order('cancelled'), 'pay')).toBe('refund_due');
  });

  it('an order cannot be cancelled once shipped (ILLEGAL_ORDER_TRANSITION, a conflict, with details)', () => {
    const error = caught(() => applyOrderEvent(order('shipped'), 'cancel', BUYER));
    expect(error.code).toBe('ILLEGAL_ORDER_TRANSITION');
    expect(error.kind).toBe('conflict');
    expect(error.details).toEqual({ from: 'shipped', event: 'cancel', paymentMethod: 'card' });
  });

  it('a duplicate payment webhook on a confirmed order is an illegal transition, not a second confirmation', () => {
    expect(caught(() => transition(order('confirmed'), 'pay')).code).toBe('ILLEGAL_ORDER_TRANSITION');
  });

  it('delivered is final except an accepted return, which is refunded', () => {
    expect(applyOrderEvent(order('delivered', 'cod'), 'return', FARMER)).toBe('refund_due');
    for (const event of ['cancel', 'ship', 'expire', 'pay'] as const) {
      expect(canTransitionOrder(order('delivered'), event)).toBe(false);
    }
  });

  it('only the listed transitions exist', () => {
    const allowed: string[] = [];
    for (const method of PAYMENT_METHODS)
      for (const status of ORDER_STATUSES)
        for (const event of ORDER_EVENTS)
          if (canTransitionOrder({ status, paymentMethod: method }, event))
            allowed.push(
              `${method}:${status}-${event}->${transition({ status, paymentMethod: method }, event)}`,
            );
    expect(allowed).toEqual([
      'cod:pending_payment-confirm->confirmed',
      'cod:pending_payment-cancel->cancelled',
      'cod:confirmed-ship->shipped',
      'cod:confirmed-cancel->cancelled',
      'cod:shipped-deliver->delivered',
      'cod:shipped-refuse->cancelled',
      'cod:delivered-return->refund_due',
      'cod:refund_due-refund->refunded',
      'card:pending_payment-pay->confirmed',
      'card:pending_payment-expire->expired',
      'card:pending_payment-cancel->cancelled',
      'card:confirmed-ship->shipped',
      'card:confirmed-cancel->refund_due',
      'card:shipped-deliver->delivered',
      'card:delivered-return->refund_due',
      'card:cancelled-pay->refund_due',
      'card:expired-pay->refund_due',
      'card:refund_due-refund->refunded',
      // VietQR transfers are paid online like cards: the same lifecycle.
      'vietqr:pending_payment-pay->confirmed',
      'vietqr:pending_payment-expire->expired',
      'vietqr:pending_payment-cancel->cancelled',
      'vietqr:confirmed-ship->shipped',
      'vietqr:confirmed-cancel->refund_due',
      'vietqr:shipped-deliver->delivered',
      'vietqr:delivered-return->refund_due',
      'vietqr:cancelled-pay->refund_due',
      'vietqr:expired-pay->refund_due',
      'vietqr:expired-reinstate->confirmed',
      'vietqr:refund_due-refund->refunded',
    ]);
  });

  it('an admin accepts a late VietQR transfer of the exact amount: the expired order is confirmed again', () => {
    const expired = { ...order('expired'), paymentMethod: 'vietqr' as const };
    expect(applyOrderEvent(expired, 'reinstate', SYSTEM)).toBe('confirmed');
    expect(caught(() => applyOrderEvent(expired, 'reinstate', BUYER)).code).toBe('ORDER_ACTION_FORBIDDEN');
    expect(caught(() => applyOrderEvent(order('expired'), 'reinstate', SYSTEM)).code).toBe(
      'ILLEGAL_ORDER_TRANSITION',
    );
    expect(canTransitionOrder({ status: 'cancelled', paymentMethod: 'vietqr' }, 'reinstate')).toBe(false);
  });

  it('a transfer sent back cancels the order still waiting for it', () => {
    expect(applyOrderEvent({ ...order('pending_payment'), paymentMethod: 'vietqr' }, 'cancel', SYSTEM)).toBe(
      'cancelled',
    );
  });

  it('final statuses take no event except a late card payment', () => {
    for (const status of ORDER_STATUSES.filter(isFinalOrderStatus)) {
      const events = ORDER_EVENTS.filter((e) => canTransitionOrder(order(status), e));
      expect(events).toEqual(status === 'refunded' ? [] : ['pay']);
    }
  });
});

describe('who may act on an order', () => {
  it('another shopper cannot cancel my order (ORDER_ACTION_FORBIDDEN, forbidden)', () => {
    const error = caught(() =>
      applyOrderEvent(order('confirmed'), 'cancel', { kind: 'shopper', userId: 'x' }),
    );
    expect(error.code).toBe('ORDER_ACTION_FORBIDDEN');
    expect(error.kind).toBe('forbidden');
  });

  it("a farmer ships only their own producer's orders", () => {
    expect(
      caught(() => applyOrderEvent(order('confirmed'), 'ship', { kind: 'farmer', producerId: 'other' })).code,
    ).toBe('ORDER_ACTION_FORBIDDEN');
  });

  it('a shopper cannot mark an order paid, shipped or delivered; a farmer cannot refund or expire', () => {
    for (const event of ['pay', 'ship', 'deliver'] as const) {
      expect(caught(() => applyOrderEvent(order('pending_payment'), event, BUYER)).code).toBe(
        'ORDER_ACTION_FORBIDDEN',
      );
    }
    expect(caught(() => applyOrderEvent(order('refund_due'), 'refund', FARMER)).code).toBe(
      'ORDER_ACTION_FORBIDDEN',
    );
    expect(caught(() => applyOrderEvent(order('pending_payment'), 'expire', FARMER)).code).toBe(
      'ORDER_ACTION_FORBIDDEN',
    );
  });

  it('a stranger is refused before learning the state (forbidden, not conflict)', () => {
    expect(
      caught(() => applyOrderEvent(order('delivered'), 'cancel', { kind: 'shopper', userId: 'x' })).code,
    ).toBe('ORDER_ACTION_FORBIDDEN');
  });

  it('the farmer may confirm a pending COD order but not a card order (only payment confirms it)', () => {
    expect(applyOrderEvent(order('pending_payment', 'cod'), 'confirm', FARMER)).toBe('confirmed');
    expect(caught(() => applyOrderEvent(order('pending_payment', 'card'), 'confirm', FARMER)).code).toBe(
      'ILLEGAL_ORDER_TRANSITION',
    );
  });
});

describe('stock and money held by an order', () => {
  it('stock is held until the order is cancelled or expires', () => {
    expect(ORDER_STATUSES.filter(holdsStock)).toEqual(['pending_payment', 'confirmed', 'shipped']);
  });

  it('a COD order holds money only once delivered with the cash collected', () => {
    expect(holdsPayment({ status: 'shipped', paymentMethod: 'cod' })).toBe(false);
    expect(holdsPayment({ status: 'delivered', paymentMethod: 'cod' })).toBe(true);
    expect(holdsPayment({ status: 'confirmed', paymentMethod: 'card' })).toBe(true);
    expect(holdsPayment({ status: 'refunded', paymentMethod: 'card' })).toBe(false);
  });
});
