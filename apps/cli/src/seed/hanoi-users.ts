/**
 * The people of the Hanoi demo. Everyone signs in with DEMO_PASSWORD (printed by `npm run demo` and `cli seed`).
 * Farmers are one per producer (see hanoi-catalogue.ts); this file holds the admins, streamers and shoppers.
 */
export const DEMO_PASSWORD = 'OcopLive@2025';
export const DEMO_EMAIL_DOMAIN = 'ocop.example';

export interface SeedAdmin {
  email: string;
  fullName: string;
  phone: string;
  /** The branch whose subtree this admin manages. */
  branchCode: string;
}

export interface SeedStreamer {
  email: string;
  fullName: string;
  phone: string;
  /** The branch the streamer is an approved member of. */
  branchCode: string;
}

export interface SeedShopper {
  email: string;
  fullName: string;
  phone: string;
}

const email = (local: string): string => `${local}@${DEMO_EMAIL_DOMAIN}`;

export const SEED_ADMINS: readonly SeedAdmin[] = [
  { email: email('admin'), fullName: 'Nguyễn Thành Trung', phone: '0912000001', branchCode: 'HN' },
  { email: email('admin.gialam'), fullName: 'Trần Thị Thu Hà', phone: '0912000002', branchCode: 'HN-GLA' },
  { email: email('admin.chuongmy'), fullName: 'Lê Quang Huy', phone: '0912000003', branchCode: 'HN-CMY' },
  { email: email('admin.bavi'), fullName: 'Phùng Văn Đức', phone: '0912000004', branchCode: 'HN-BVI' },
  {
    email: email('admin.thanhoai'),
    fullName: 'Đỗ Thị Minh Nguyệt',
    phone: '0912000005',
    branchCode: 'HN-TOA',
  },
];

export const SEED_STREAMERS: readonly SeedStreamer[] = [
  {
    email: email('streamer.battrang'),
    fullName: 'Phạm Minh Anh',
    phone: '0983000001',
    branchCode: 'HN-GLA-BTR',
  },
  {
    email: email('streamer.phuvinh'),
    fullName: 'Nguyễn Thùy Linh',
    phone: '0983000002',
    branchCode: 'HN-CMY-PNG-PVI',
  },
  { email: email('streamer.bavi'), fullName: 'Kiều Đức Mạnh', phone: '0983000003', branchCode: 'HN-BVI-BTR' },
  {
    email: email('streamer.hoankiem'),
    fullName: 'Vũ Hoàng Yến',
    phone: '0983000004',
    branchCode: 'HN-HKI-HDA',
  },
  { email: email('streamer.sontay'), fullName: 'Hà Quốc Bảo', phone: '0983000005', branchCode: 'HN-STY' },
  {
    email: email('streamer.vanphuc'),
    fullName: 'Triệu Ngọc Mai',
    phone: '0983000006',
    branchCode: 'HN-HDO-VPH',
  },
];

export const SEED_SHOPPERS: readonly SeedShopper[] = [
  { email: email('shopper1'), fullName: 'Đặng Thu Trang', phone: '0868000001' },
  { email: email('shopper2'), fullName: 'Bùi Văn Long', phone: '0868000002' },
  { email: email('shopper3'), fullName: 'Hoàng Thị Lan Anh', phone: '0868000003' },
  { email: email('shopper4'), fullName: 'Ngô Minh Khôi', phone: '0868000004' },
];

/** The farmer account of producer `P07` is farmer07@ocop.example. */
export const farmerEmail = (producerCode: string): string => email(`farmer${producerCode.replace(/^P/, '')}`);
