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
    expect(normalizeAddress({ ...GOOD, province: 'da nang', ward: 'phuong hai chau' })).toMatchObject({
      provinceName: 'Đà Nẵng',
      ward: 'Phường Hải Châu',
    });
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

  it("the ward is one of the province's units since July 2025, stored under its official name", () => {
    expect(normalizeAddress({ ...GOOD, ward: 'phuong sai gon' }).ward).toBe('Phường Sài Gòn');
    const refused = (ward: string, province = GOOD.province): DomainError => {
      try {
        normalizeAddress({ ...GOOD, province, ward });
      } catch (error) {
        return error as DomainError;
      }
      throw new Error(`accepted ${ward}`);
    };
    // A ward of another province, a ward merged away in 2025, a made-up one: INVALID_WARD (400).
    for (const [ward, province] of [
      ['Xã Bát Tràng', GOOD.province],
      ['Phường Bến Nghé', GOOD.province],
      ['Phường Atlantis', GOOD.province],
      ['Phường Sài Gòn', 'ha-noi'],
    ] as const) {
      const error = refused(ward, province);
      expect({ ward, code: error.code, kind: error.kind }).toEqual({
        ward,
        code: 'INVALID_WARD',
        kind: 'invalid',
      });
    }
    // Invisible or control text is not a ward at all: ADDRESS_INVALID like any bad field.
    expect(refused('Phường Sài Gòn\u0000').code).toBe('ADDRESS_INVALID');
    expect(refused('\u200b\u200b').code).toBe('ADDRESS_INVALID');
  });

  it('the room announces the buyer by first name and ward only', () => {
    expect(publicBuyerLabel(normalizeAddress(GOOD))).toBe('Minh · Phường Sài Gòn');
  });
});
