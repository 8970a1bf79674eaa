import { DomainError } from '@ocop/kernel';
import { assertListingLimits, isListingLimit } from './listing-limits';

const A = '0e3c9b9a-5a0e-4a8e-9a53-0c1d2e3f4a5b';
const B = '5b1f0d2c-7c3a-4f6e-8d9b-1a2b3c4d5e6f';
const C = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';

function codeOf(work: () => void): string | undefined {
  try {
    work();
    return undefined;
  } catch (error) {
    return (error as DomainError).code;
  }
}

describe('per-buyer limits of lineup products', () => {
  it('a limit is 1 to 99 units, or none', () => {
    for (const ok of [1, 2, 99, null]) expect(isListingLimit(ok)).toBe(true);
    for (const bad of [0, 100, -1, 1.5, '2', undefined, Number.NaN]) expect(isListingLimit(bad)).toBe(false);
  });

  it('the host limits honey to 2 per person and lifts the limit of tea', () => {
    expect(() =>
      assertListingLimits(
        [A, B, C],
        [
          { productId: A, perBuyerLimit: 2 },
          { productId: B, perBuyerLimit: null },
        ],
      ),
    ).not.toThrow();
    expect(() => assertListingLimits([A], [])).not.toThrow();
  });

  it('a limit on a product outside the lineup, twice on one product, or out of range is INVALID_LINEUP', () => {
    expect(codeOf(() => assertListingLimits([A], [{ productId: B, perBuyerLimit: 2 }]))).toBe(
      'INVALID_LINEUP',
    );
    expect(
      codeOf(() =>
        assertListingLimits(
          [A],
          [
            { productId: A, perBuyerLimit: 2 },
            { productId: A, perBuyerLimit: 3 },
          ],
        ),
      ),
    ).toBe('INVALID_LINEUP');
    expect(codeOf(() => assertListingLimits([A], [{ productId: A, perBuyerLimit: 100 }]))).toBe(
      'INVALID_LINEUP',
    );
    expect(codeOf(() => assertListingLimits([A], [{ productId: A, perBuyerLimit: 0 }]))).toBe(
      'INVALID_LINEUP',
    );
  });
});
