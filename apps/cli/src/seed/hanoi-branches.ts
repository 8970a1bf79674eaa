/**
 * The Youth Union tree of the Hanoi demo: the city union, a handful of (historical) district-level unions with
 * their commune and ward unions, a few communes that report straight to the city (the shape since July 2025),
 * and cells (chi đoàn) under some communes. Depth differs from branch to branch on purpose.
 */
export type SeedBranchLevel = 'city' | 'district' | 'grassroots' | 'cell';

export interface SeedBranch {
  code: string;
  name: string;
  level: SeedBranchLevel;
  /** Absent only for the root (the city union). */
  parentCode?: string;
}

export const CITY_BRANCH_CODE = 'HN';

const b = (code: string, name: string, level: SeedBranchLevel, parentCode?: string): SeedBranch =>
  parentCode ? { code, name, level, parentCode } : { code, name, level };

export const SEED_BRANCHES: readonly SeedBranch[] = [
  b(CITY_BRANCH_CODE, 'Thành đoàn Hà Nội', 'city'),

  // District-level unions (abolished in July 2025, kept here as the history of the tree).
  b('HN-GLA', 'Huyện đoàn Gia Lâm', 'district', 'HN'),
  b('HN-GLA-BTR', 'Đoàn xã Bát Tràng', 'grassroots', 'HN-GLA'),
  b('HN-GLA-BTR-BTR', 'Chi đoàn thôn Bát Tràng', 'cell', 'HN-GLA-BTR'),
  b('HN-GLA-BTR-GCA', 'Chi đoàn thôn Giang Cao', 'cell', 'HN-GLA-BTR'),
  b('HN-GLA-PDO', 'Đoàn xã Phù Đổng', 'grassroots', 'HN-GLA'),
  b('HN-GLA-KLA', 'Đoàn xã Kim Lan', 'grassroots', 'HN-GLA'),

  b('HN-CMY', 'Huyện đoàn Chương Mỹ', 'district', 'HN'),
  b('HN-CMY-PNG', 'Đoàn xã Phú Nghĩa', 'grassroots', 'HN-CMY'),
  b('HN-CMY-PNG-PVI', 'Chi đoàn thôn Phú Vinh', 'cell', 'HN-CMY-PNG'),
  b('HN-CMY-CSO', 'Đoàn thị trấn Chúc Sơn', 'grassroots', 'HN-CMY'),

  b('HN-HKI', 'Quận đoàn Hoàn Kiếm', 'district', 'HN'),
  b('HN-HKI-HBA', 'Đoàn phường Hàng Bạc', 'grassroots', 'HN-HKI'),
  b('HN-HKI-HDA', 'Đoàn phường Hàng Đào', 'grassroots', 'HN-HKI'),

  b('HN-BVI', 'Huyện đoàn Ba Vì', 'district', 'HN'),
  b('HN-BVI-BTR', 'Đoàn xã Ba Trại', 'grassroots', 'HN-BVI'),
  b('HN-BVI-TLI', 'Đoàn xã Tản Lĩnh', 'grassroots', 'HN-BVI'),
  b('HN-BVI-BVI', 'Đoàn xã Ba Vì', 'grassroots', 'HN-BVI'),
  b('HN-BVI-BVI-YSO', 'Chi đoàn thôn Yên Sơn', 'cell', 'HN-BVI-BVI'),

  b('HN-TOA', 'Huyện đoàn Thanh Oai', 'district', 'HN'),
  b('HN-TOA-PTR', 'Đoàn xã Phương Trung', 'grassroots', 'HN-TOA'),
  b('HN-TOA-PTR-CHU', 'Chi đoàn thôn Chuông', 'cell', 'HN-TOA-PTR'),
  b('HN-TOA-CKH', 'Đoàn xã Cự Khê', 'grassroots', 'HN-TOA'),
  b('HN-TOA-CKH-CDA', 'Chi đoàn thôn Cự Đà', 'cell', 'HN-TOA-CKH'),
  b('HN-TOA-TUO', 'Đoàn xã Tân Ước', 'grassroots', 'HN-TOA'),

  b('HN-TTR', 'Huyện đoàn Thanh Trì', 'district', 'HN'),
  b('HN-TTR-DHA', 'Đoàn xã Duyên Hà', 'grassroots', 'HN-TTR'),
  b('HN-TTR-DHA-TKH', 'Chi đoàn thôn Tranh Khúc', 'cell', 'HN-TTR-DHA'),

  b('HN-HDO', 'Quận đoàn Hà Đông', 'district', 'HN'),
  b('HN-HDO-VPH', 'Đoàn phường Vạn Phúc', 'grassroots', 'HN-HDO'),

  b('HN-TTH', 'Huyện đoàn Thạch Thất', 'district', 'HN'),
  b('HN-TTH-TXA', 'Đoàn xã Thạch Xá', 'grassroots', 'HN-TTH'),

  // Communes and wards reporting straight to the city (the post-July-2025 shape).
  b('HN-STY', 'Đoàn phường Sơn Tây', 'grassroots', 'HN'),
  b('HN-CMI', 'Đoàn xã Chuyên Mỹ', 'grassroots', 'HN'),
  b('HN-HSO', 'Đoàn xã Hương Sơn', 'grassroots', 'HN'),
  b('HN-VDI', 'Đoàn xã Vân Đình', 'grassroots', 'HN'),
  b('HN-TTI', 'Đoàn xã Thường Tín', 'grassroots', 'HN'),
  b('HN-VDI-DTH', 'Chi đoàn thôn Đông Thịnh', 'cell', 'HN-VDI'),
];
