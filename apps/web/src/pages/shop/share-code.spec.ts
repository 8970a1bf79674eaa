/** @jest-environment ./apps/web/src/test/jsdom-environment.cjs */
import { activeShareCode, rememberShareCode, SHARE_WINDOW_MS } from './share-code';

describe('the share link a shopper followed', () => {
  beforeEach(() => localStorage.clear());

  it('is carried for 7 days from the first time it was followed, not after', () => {
    const t0 = Date.UTC(2026, 11, 1);
    rememberShareCode('q3Zk9_aB-x1Y', t0);
    rememberShareCode('q3Zk9_aB-x1Y', t0 + 3 * 24 * 3600 * 1000);
    expect(activeShareCode(t0 + SHARE_WINDOW_MS)).toBe('q3Zk9_aB-x1Y');
    expect(activeShareCode(t0 + SHARE_WINDOW_MS + 1)).toBeUndefined();
  });

  it('a newer link replaces the older one; a malformed code or stored value is ignored', () => {
    rememberShareCode('firstLink1', 1_000);
    rememberShareCode('second_Link', 2_000);
    expect(activeShareCode(3_000)).toBe('second_Link');
    rememberShareCode('<bad code>', 4_000);
    expect(activeShareCode(5_000)).toBe('second_Link');
    localStorage.setItem('ocop.shareLink', '{not json');
    expect(activeShareCode(5_000)).toBeUndefined();
  });
});
