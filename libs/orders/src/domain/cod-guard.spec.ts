import { assertMayPayCod, assertWithinCodCap, CodPolicy, codSuspendedUntil } from './cod-guard';
import { OrderError } from './order.errors';

const DAY = 86_400_000;
const policy: CodPolicy = {
  maxOpenVnd: 1_000_000,
  maxRefusals: 3,
  suspensionDays: 30,
  requireConfirmedPhone: false,
};
const at = (day: number) => new Date(Date.UTC(2026, 0, 1) + day * DAY);

function codeOf(run: () => void): string | null {
  try {
    run();
    return null;
  } catch (error) {
    if (error instanceof OrderError) return error.code;
    throw error;
  }
}

describe('COD guard-rails', () => {
  it('a buyer who refused fewer parcels than the limit keeps cash on delivery', () => {
    expect(codSuspendedUntil([at(0), at(1)], policy)).toBeNull();
  });

  it('the refusal that reaches the limit suspends COD for the period from that day', () => {
    expect(codSuspendedUntil([at(5), at(0), at(2)], policy)).toEqual(at(35));
  });

  it('after a suspension the count starts afresh: two more refusals do not suspend again, three do', () => {
    expect(codSuspendedUntil([at(0), at(1), at(2), at(50), at(51)], policy)).toEqual(at(32));
    expect(codSuspendedUntil([at(0), at(1), at(2), at(50), at(51), at(52)], policy)).toEqual(at(82));
  });

  it('a limit of 0 never suspends', () => {
    expect(codSuspendedUntil([at(0), at(1), at(2), at(3)], { ...policy, maxRefusals: 0 })).toBeNull();
  });

  it('refuses a suspended buyer before the phone, and an unconfirmed phone only when required', () => {
    const base = { policy, now: at(10), phoneConfirmed: false, phone: '+84912345678' };
    expect(codeOf(() => assertMayPayCod({ ...base, refusedAt: [at(0), at(1), at(2)] }))).toBe(
      'COD_SUSPENDED',
    );
    expect(
      codeOf(() => assertMayPayCod({ ...base, now: at(33), refusedAt: [at(0), at(1), at(2)] })),
    ).toBeNull();
    expect(codeOf(() => assertMayPayCod({ ...base, refusedAt: [] }))).toBeNull();
    const strict = { ...base, policy: { ...policy, requireConfirmedPhone: true }, refusedAt: [] };
    expect(codeOf(() => assertMayPayCod(strict))).toBe('PHONE_NOT_CONFIRMED');
    expect(codeOf(() => assertMayPayCod({ ...strict, phoneConfirmed: true }))).toBeNull();
  });

  it('the cap counts this checkout with the orders still open; exactly the cap passes, a đồng more does not', () => {
    expect(codeOf(() => assertWithinCodCap(1_000_000, 400_000, policy))).toBeNull();
    expect(codeOf(() => assertWithinCodCap(1_000_001, 400_000, policy))).toBe('COD_LIMIT_EXCEEDED');
    expect(codeOf(() => assertWithinCodCap(9_000_000, 400_000, { ...policy, maxOpenVnd: 0 }))).toBeNull();
  });
});
