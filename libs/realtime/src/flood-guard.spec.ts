import { FloodGuard } from './flood-guard';

describe('the per-socket flood guard', () => {
  it('lets a normal viewer burst a little, refuses a flood, and disconnects one that keeps flooding', () => {
    let now = 0;
    const guard = new FloodGuard({ burst: 5, perSecond: 2, disconnectAfter: 10 }, () => now);
    const verdicts = Array.from({ length: 5 }, () => guard.check());
    expect(verdicts).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
    expect(guard.check()).toBe('refuse');
    now += 1000; // two more tokens
    expect(guard.check()).toBe('pass');
    expect(guard.check()).toBe('pass');
    const flood = Array.from({ length: 9 }, () => guard.check());
    expect(flood.slice(0, 8).every((v) => v === 'refuse')).toBe(true);
    expect(flood[8]).toBe('disconnect');
  });
});
