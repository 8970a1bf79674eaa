import { farmerActions, showsBuyerRecord } from './orders';

describe('farmer order actions', () => {
  it('follows the order lifecycle', () => {
    expect(farmerActions({ status: 'pending_payment', paymentMethod: 'cod' })).toEqual(['confirm']);
    expect(farmerActions({ status: 'pending_payment', paymentMethod: 'card' })).toEqual([]);
    expect(farmerActions({ status: 'confirmed', paymentMethod: 'card' })).toEqual(['ship']);
    expect(farmerActions({ status: 'shipped', paymentMethod: 'cod' })).toEqual(['deliver', 'refuse']);
    expect(farmerActions({ status: 'shipped', paymentMethod: 'card' })).toEqual(['deliver']);
    expect(farmerActions({ status: 'delivered', paymentMethod: 'cod' })).toEqual(['return']);
    expect(farmerActions({ status: 'refunded', paymentMethod: 'card' })).toEqual([]);
  });

  it("shows the buyer's COD record before the parcel's fate is known", () => {
    expect(showsBuyerRecord({ status: 'confirmed', paymentMethod: 'cod' })).toBe(true);
    expect(showsBuyerRecord({ status: 'shipped', paymentMethod: 'cod' })).toBe(true);
    expect(showsBuyerRecord({ status: 'delivered', paymentMethod: 'cod' })).toBe(false);
    expect(showsBuyerRecord({ status: 'confirmed', paymentMethod: 'card' })).toBe(false);
  });
});
