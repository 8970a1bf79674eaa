import { findProvince, PROVINCES, slugify } from './provinces';

describe('provinces since the July 2025 reorganisation', () => {
  it('lists the 34 provincial-level units with unique codes', () => {
    expect(PROVINCES).toHaveLength(34);
    expect(new Set(PROVINCES.map((p) => p.code)).size).toBe(34);
  });

  it('finds a province by code or by name with or without diacritics', () => {
    expect(findProvince('ha-noi')?.name).toBe('Hà Nội');
    expect(findProvince('Hà Nội')?.code).toBe('ha-noi');
    expect(findProvince('ha noi')?.code).toBe('ha-noi');
    expect(findProvince('Thành phố Hồ Chí Minh')?.code).toBe('ho-chi-minh');
    expect(findProvince('Đắk Lắk')?.code).toBe('dak-lak');
    expect(findProvince('Hà Tây')).toBeUndefined(); // merged into Hanoi in 2008
  });

  it('slugifies Vietnamese names', () => {
    expect(slugify('Bắc Ninh')).toBe('bac-ninh');
  });
});
