import { canTransition, coversInstant } from './membership-rules';

describe('memberships', () => {
  it('an application is approved or rejected; an active membership can only end', () => {
    expect(canTransition('pending', 'active')).toBe(true);
    expect(canTransition('pending', 'rejected')).toBe(true);
    expect(canTransition('active', 'ended')).toBe(true);
    expect(canTransition('active', 'rejected')).toBe(false);
    expect(canTransition('rejected', 'active')).toBe(false);
    expect(canTransition('ended', 'active')).toBe(false);
  });

  it('a streamer who moved branch at noon belonged to the old branch until noon, the new one from noon', () => {
    const noon = new Date('2025-07-01T05:00:00Z');
    const old = { validFrom: new Date('2025-01-01T00:00:00Z'), validTo: noon };
    const current = { validFrom: noon, validTo: null };
    expect(coversInstant(old, new Date(noon.getTime() - 1))).toBe(true);
    expect(coversInstant(old, noon)).toBe(false);
    expect(coversInstant(current, noon)).toBe(true);
    expect(coversInstant({ validFrom: null, validTo: null }, noon)).toBe(false);
  });
});
