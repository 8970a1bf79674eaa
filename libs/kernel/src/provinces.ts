import { foldVietnamese } from './text';

/**
 * Vietnam's 34 provincial-level units in force since 1 July 2025 (6 centrally-run cities, 28 provinces).
 * Codes are stable slugs; names are shown to people.
 */
const PROVINCE_NAMES = [
  'Hà Nội',
  'Huế',
  'Hải Phòng',
  'Đà Nẵng',
  'Thành phố Hồ Chí Minh',
  'Cần Thơ',
  'Tuyên Quang',
  'Cao Bằng',
  'Lai Châu',
  'Lào Cai',
  'Thái Nguyên',
  'Điện Biên',
  'Lạng Sơn',
  'Sơn La',
  'Phú Thọ',
  'Bắc Ninh',
  'Quảng Ninh',
  'Hưng Yên',
  'Ninh Bình',
  'Thanh Hóa',
  'Nghệ An',
  'Hà Tĩnh',
  'Quảng Trị',
  'Quảng Ngãi',
  'Gia Lai',
  'Khánh Hòa',
  'Lâm Đồng',
  'Đắk Lắk',
  'Đồng Nai',
  'Tây Ninh',
  'Vĩnh Long',
  'Đồng Tháp',
  'Cà Mau',
  'An Giang',
] as const;

export interface Province {
  code: string;
  name: string;
}

export function slugify(text: string): string {
  return foldVietnamese(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export const PROVINCES: readonly Province[] = PROVINCE_NAMES.map((name) => ({
  code: name === 'Thành phố Hồ Chí Minh' ? 'ho-chi-minh' : slugify(name),
  name,
}));

const BY_KEY = new Map<string, Province>();
for (const province of PROVINCES) {
  BY_KEY.set(province.code, province);
  BY_KEY.set(slugify(province.name), province);
}
BY_KEY.set('tp-ho-chi-minh', BY_KEY.get('ho-chi-minh') as Province);

/** Finds a province by its code or by its name typed with or without diacritics. */
export function findProvince(codeOrName: string): Province | undefined {
  return BY_KEY.get(slugify(codeOrName));
}
