import { DomainError } from '@ocop/kernel';
import { decideTransferReview, holdsItsPayment } from './transfer-review';

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  throw new Error('expected a coded refusal');
}

describe('an admin decides a transfer held for review', () => {
  const held = { status: 'held_for_review' as const, amountVnd: 150_000 };
  const short = { outcome: 'held:amount_mismatch', amountVnd: 149_000, needsReview: true };
  const late = { outcome: 'held:after_expiry', amountVnd: 150_000, needsReview: true };

  it('a short transfer goes back in full: the payment ends refunded', () => {
    expect(decideTransferReview(short, held, { decision: 'refund', bankReference: 'FT-BACK-1' })).toEqual({
      decision: 'refunded',
      trigger: 'return_transfer',
      refundAmountVnd: 149_000,
    });
  });

  it('a refund never exceeds what the transfer brought', () => {
    expect(
      codeOf(() =>
        decideTransferReview(short, held, {
          decision: 'refund',
          bankReference: 'FT-BACK-1',
          amountVnd: 149_001,
        }),
      ),
    ).toBe('REFUND_EXCEEDS_RECEIVED');
    expect(
      decideTransferReview(short, held, {
        decision: 'refund',
        bankReference: 'FT-BACK-1',
        amountVnd: 140_000,
      }),
    ).toMatchObject({
      refundAmountVnd: 140_000,
    });
  });

  it('the exact amount after the order expired is accepted as the payment', () => {
    expect(decideTransferReview(late, held, { decision: 'reinstate' })).toEqual({
      decision: 'reinstated',
      trigger: 'reinstate',
    });
    expect(
      decideTransferReview({ ...late, outcome: 'held:payment_canceled' }, held, { decision: 'reinstate' }),
    ).toMatchObject({ decision: 'reinstated' });
  });

  it('the amount the admin confirms must be what the transfer brought', () => {
    expect(
      codeOf(() => decideTransferReview(late, held, { decision: 'reinstate', amountVnd: 149_000 })),
    ).toBe('REINSTATE_AMOUNT_MISMATCH');
  });

  it('a wrong amount is never reinstated: it is refunded instead', () => {
    expect(codeOf(() => decideTransferReview(short, held, { decision: 'reinstate' }))).toBe(
      'REINSTATE_AMOUNT_MISMATCH',
    );
  });

  it('a second transfer on a paid order is extra money: refunded, the payment stays paid', () => {
    const extra = { outcome: 'held:already_paid', amountVnd: 150_000, needsReview: true };
    const paid = { status: 'succeeded' as const, amountVnd: 150_000 };
    expect(holdsItsPayment(extra, paid)).toBe(false);
    expect(decideTransferReview(extra, paid, { decision: 'refund', bankReference: 'FT-BACK-1' })).toEqual({
      decision: 'refunded',
      trigger: null,
      refundAmountVnd: 150_000,
    });
    expect(codeOf(() => decideTransferReview(extra, paid, { decision: 'reinstate' }))).toBe(
      'TRANSFER_NOT_REINSTATABLE',
    );
    // A top-up that joined a payment already held is extra money too.
    const joined = { outcome: 'held:under_review', amountVnd: 1_000, needsReview: true };
    expect(
      decideTransferReview(joined, held, { decision: 'refund', bankReference: 'FT-BACK-1' }),
    ).toMatchObject({ trigger: null });
    expect(codeOf(() => decideTransferReview(joined, held, { decision: 'reinstate' }))).toBe(
      'TRANSFER_NOT_REINSTATABLE',
    );
  });

  it('a transfer decided already is not decided again', () => {
    const decided = { ...late, needsReview: false };
    expect(
      codeOf(() => decideTransferReview(decided, held, { decision: 'refund', bankReference: 'FT-BACK-1' })),
    ).toBe('TRANSFER_ALREADY_DECIDED');
    expect(codeOf(() => decideTransferReview(decided, held, { decision: 'reinstate' }))).toBe(
      'TRANSFER_ALREADY_DECIDED',
    );
  });

  it('a refund names the bank reference of the transfer that sent the money back, in printable characters', () => {
    for (const bankReference of ['', '   ', 'FT\u0000123', 'FT\n123', 'x'.repeat(101)]) {
      expect(codeOf(() => decideTransferReview(short, held, { decision: 'refund', bankReference }))).toBe(
        'BANK_REFERENCE_INVALID',
      );
    }
  });
});
