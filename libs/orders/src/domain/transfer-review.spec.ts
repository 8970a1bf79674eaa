import { DomainError } from '@ocop/kernel';
import { planOrdersForDecision, ReviewedOrder } from './transfer-review';

const order = (id: string, status: ReviewedOrder['status']): ReviewedOrder => ({
  id,
  status,
  paymentMethod: 'vietqr',
});

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  throw new Error('expected a coded refusal');
}

describe('orders of a transfer an admin decides', () => {
  it('a short transfer sent back cancels the orders still waiting for it; expired ones stay expired', () => {
    expect(
      planOrdersForDecision({ decision: 'refunded', paymentReturned: true }, [
        order('a', 'pending_payment'),
        order('b', 'expired'),
      ]),
    ).toEqual([{ orderId: 'a', event: 'cancel', takesStock: false }]);
  });

  it('extra money on a paid order sent back moves no order', () => {
    expect(
      planOrdersForDecision({ decision: 'refunded', paymentReturned: false }, [order('a', 'confirmed')]),
    ).toEqual([]);
  });

  it('a late transfer accepted: waiting orders are paid, expired ones reinstated with their stock taken again', () => {
    expect(
      planOrdersForDecision({ decision: 'reinstated' }, [
        order('a', 'pending_payment'),
        order('b', 'expired'),
      ]),
    ).toEqual([
      { orderId: 'a', event: 'pay', takesStock: false },
      { orderId: 'b', event: 'reinstate', takesStock: true },
    ]);
  });

  it('an order the buyer cancelled is not reinstated: the money is refunded instead', () => {
    expect(
      codeOf(() =>
        planOrdersForDecision({ decision: 'reinstated' }, [order('a', 'expired'), order('b', 'cancelled')]),
      ),
    ).toBe('ORDER_NOT_REINSTATABLE');
    expect(codeOf(() => planOrdersForDecision({ decision: 'reinstated' }, []))).toBe(
      'ORDER_NOT_REINSTATABLE',
    );
  });
});
