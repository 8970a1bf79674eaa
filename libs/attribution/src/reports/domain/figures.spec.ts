import { addFigures, conversion, ZERO_FIGURES } from './figures';

describe('report figures', () => {
  it('a refund on another day subtracts from the figures it is added to', () => {
    const sale = { orders: 1, items: 2, placedGmvVnd: 300_000, settledGmvVnd: 300_000 };
    const refund = { orders: -1, items: -2, placedGmvVnd: -300_000, settledGmvVnd: -300_000 };
    expect(addFigures(sale, refund)).toEqual(ZERO_FIGURES);
  });

  it('conversion is unique buyers over unique viewers, and null when nobody watched', () => {
    expect(conversion(12, 400)).toBe(0.03);
    expect(conversion(1, 3)).toBe(0.3333);
    expect(conversion(0, 0)).toBeNull();
  });
});
