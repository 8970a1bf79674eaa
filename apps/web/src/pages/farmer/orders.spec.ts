import { farmerActions } from './orders';

describe('farmer order actions', () => {
  it('follows the order lifecycle', () => {
    expect(farmerActions({ status: 'pending_payment', paymentMethod: 'cod' })).toEqual(['confirm']);
    expect(farmerActions({ status: 'pending_payment', paymentMethod: 'card' })).toEqual([]);
    expect(farmerActions({ status: 'confirmed', paymentMethod: 'card' })).toEqual(['ship']);
    expect(farmerActions({ status: 'shipped', paymentMethod: 'cod' })).toEqual(['deliver']);
    expect(farmerActions({ status: 'delivered', paymentMethod: 'cod' })).toEqual(['return']);
    expect(farmerActions({ status: 'refunded', paymentMethod: 'card' })).toEqual([]);
  });
});
