import { assertPayout, entriesFor, ledgerCsv, platformFee, SettlementError } from './index';

const change = (over: Partial<Parameters<typeof entriesFor>[0]>) => ({
  orderId: 'o',
  producerId: 'p',
  paymentMethod: 'cod',
  totalVnd: 150_000,
  event: 'deliver',
  to: 'delivered',
  ...over,
});

describe('settlement ledger entries', () => {
  it('a COD sale is collected on delivery, not when placed or shipped', () => {
    expect(entriesFor(change({}), 0)).toEqual([{ kind: 'sale', amountVnd: 150_000 }]);
    expect(entriesFor(change({ event: 'ship', to: 'shipped' }), 0)).toEqual([]);
    expect(entriesFor(change({ event: 'confirm', to: 'confirmed' }), 0)).toEqual([]);
  });

  it('any online sale is collected when paid, also a payment landing after expiry', () => {
    for (const method of ['card', 'vietqr']) {
      expect(entriesFor(change({ paymentMethod: method, event: 'pay', to: 'confirmed' }), 0)).toEqual([
        { kind: 'sale', amountVnd: 150_000 },
      ]);
      expect(entriesFor(change({ paymentMethod: method, event: 'pay', to: 'refund_due' }), 0)).toHaveLength(
        1,
      );
      // Delivery of a paid online order moves no money again.
      expect(entriesFor(change({ paymentMethod: method }), 0)).toEqual([]);
    }
  });

  it('a late transfer an admin accepts is collected like a payment; one sent back never reaches the ledger', () => {
    expect(entriesFor(change({ paymentMethod: 'vietqr', event: 'reinstate', to: 'confirmed' }), 100)).toEqual(
      [
        { kind: 'sale', amountVnd: 150_000 },
        { kind: 'fee', amountVnd: -1_500 },
      ],
    );
    expect(entriesFor(change({ paymentMethod: 'vietqr', event: 'cancel', to: 'cancelled' }), 100)).toEqual(
      [],
    );
  });

  it('a configured fee goes with the sale, rounded down; a refund gives the whole total back', () => {
    expect(platformFee(150_001, 250)).toBe(3_750);
    expect(entriesFor(change({}), 250)).toEqual([
      { kind: 'sale', amountVnd: 150_000 },
      { kind: 'fee', amountVnd: -3_750 },
    ]);
    expect(entriesFor(change({ event: 'refund', to: 'refunded' }), 250)).toEqual([
      { kind: 'refund', amountVnd: -150_000 },
    ]);
  });

  it('a cancellation before any money moved writes nothing', () => {
    expect(entriesFor(change({ event: 'cancel', to: 'cancelled' }), 0)).toEqual([]);
    expect(entriesFor(change({ event: 'refuse', to: 'cancelled' }), 0)).toEqual([]);
  });

  it('a payout is positive and at most the balance', () => {
    expect(() => assertPayout(100, 100)).not.toThrow();
    expect(() => assertPayout(101, 100)).toThrow(SettlementError);
    expect(() => assertPayout(0, 100)).toThrow(SettlementError);
  });

  it('exports CSV with the balance after each entry, formula-like text neutralised', () => {
    const csv = ledgerCsv([
      {
        createdAt: new Date('2026-12-01T00:00:00Z'),
        kind: 'sale',
        orderCode: 'ABCD2345',
        payoutReference: null,
        amountVnd: 100,
      },
      {
        createdAt: new Date('2026-12-02T00:00:00Z'),
        kind: 'payout',
        orderCode: null,
        payoutReference: '=SUM(A1)',
        amountVnd: -40,
      },
    ]);
    expect(csv.split('\r\n')).toEqual([
      '\uFEFFdate,kind,order_code,payout_reference,amount_vnd,balance_after_vnd',
      '"2026-12-01T00:00:00.000Z","sale","ABCD2345",,100,100',
      `"2026-12-02T00:00:00.000Z","payout",,"'=SUM(A1)",-40,60`,
      '',
    ]);
  });
});
