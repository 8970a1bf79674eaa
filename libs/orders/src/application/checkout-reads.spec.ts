import { ShortLivedCache } from './checkout-reads';

describe('ShortLivedCache', () => {
  it('serves a value for its time to live, then loads again', async () => {
    let t = 0;
    const cache = new ShortLivedCache<number>(1_000, () => t);
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get('a', load)).toBe(1);
    t = 999;
    expect(await cache.get('a', load)).toBe(1);
    t = 1_000;
    expect(await cache.get('a', load)).toBe(2);
  });

  it('coalesces concurrent loads of one key into one', async () => {
    const cache = new ShortLivedCache<string>(1_000);
    let loads = 0;
    const load = () => new Promise<string>((resolve) => setTimeout(() => resolve(`v${++loads}`), 10));
    const values = await Promise.all(Array.from({ length: 100 }, () => cache.get('k', load)));
    expect(new Set(values)).toEqual(new Set(['v1']));
    expect(loads).toBe(1);
  });

  it('does not remember a failed load', async () => {
    const cache = new ShortLivedCache<number>(1_000);
    await expect(cache.get('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('k', async () => 7)).toBe(7);
  });
});
