import { DomainError } from '@ocop/kernel';
import { normalizeAddress, parseAddress, publicBuyerLabel } from './address';

const GOOD = {
  recipientName: '  Trần   Văn  Minh ',
  phone: '+84 987.654.321',
  province: 'TP Hồ Chí Minh',
  ward: 'Phường Sài Gòn',
  street: '1 Lê Lợi',
};

describe('delivery address', () => {
  it('a Saigon address typed loosely is normalized: name spaces collapsed, phone in E.164, province resolved', () => {
    expect(normalizeAddress(GOOD)).toEqual({
      recipientName: 'Trần Văn Minh',
      phone: '+84987654321',
      provinceCode: 'ho-chi-minh',
      provinceName: 'Thành phố Hồ Chí Minh',
      ward: 'Phường Sài Gòn',
      street: '1 Lê Lợi',
    });
  });

  it('a province typed without diacritics is found; a pre-2025 province that was merged is not', () => {
    expect(normalizeAddress({ ...GOOD, province: 'da nang' }).provinceName).toBe('Đà Nẵng');
    expect(parseAddress({ ...GOOD, province: 'Bình Dương' })).toEqual({
      ok: false,
      errors: { province: expect.stringContaining('34') },
    });
  });

  it('a landline or foreign number is not a Vietnamese mobile', () => {
    for (const phone of ['024 3825 1234', '+1 415 555 0100', '091234567', 12345]) {
      const result = parseAddress({ ...GOOD, phone });
      expect(result.ok).toBe(false);
    }
  });

  it('every bad field is named at once (ADDRESS_INVALID with details.fields)', () => {
    expect.assertions(3);
    try {
      normalizeAddress({ recipientName: 'A', phone: 'x', province: 'Atlantis', ward: '', street: 42 });
    } catch (error) {
      expect((error as DomainError).code).toBe('ADDRESS_INVALID');
      expect((error as DomainError).kind).toBe('invalid');
      expect(Object.keys((error as DomainError).details?.['fields'] as object).sort()).toEqual([
        'phone',
        'province',
        'recipientName',
        'street',
        'ward',
      ]);
    }
  });

  it('a missing address or a street with a control character is refused', () => {
    expect(parseAddress({}).ok).toBe(false);
    expect(parseAddress({ ...GOOD, street: '1 Lê Lợi\u0000' }).ok).toBe(false);
    expect(parseAddress({ ...GOOD, street: 'x'.repeat(201) }).ok).toBe(false);
  });

  it('the room announces the buyer by first name and ward only', () => {
    expect(publicBuyerLabel(normalizeAddress(GOOD))).toBe('Minh · Phường Sài Gòn');
  });
});
