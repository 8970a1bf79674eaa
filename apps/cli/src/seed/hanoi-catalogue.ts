/**
 * The producers (OCOP "subjects": households, cooperatives, enterprises) and their ~100 OCOP products of the
 * Hanoi demo. Pure data: the certificate's signing date is given as an age in days so that, whenever the demo is
 * seeded, a few certificates expire within 30 days and two have already expired (validity is 36 months).
 */
export type SeedProductGroup =
  | 'food'
  | 'beverages'
  | 'herbs'
  | 'textiles_garments'
  | 'handicrafts_souvenirs_decoration'
  | 'rural_tourism_services';

export const SEED_PRODUCT_GROUPS: readonly SeedProductGroup[] = [
  'food',
  'beverages',
  'herbs',
  'textiles_garments',
  'handicrafts_souvenirs_decoration',
  'rural_tourism_services',
];

export type SeedProducerKind = 'household' | 'cooperative' | 'enterprise';
export type SeedCertificateState = 'valid' | 'expiring' | 'expired';

export interface SeedProduct {
  code: string;
  name: string;
  group: SeedProductGroup;
  stars: 3 | 4 | 5;
  priceVnd: number;
  stock: number;
  decisionNumber: string;
  issuingBody: string;
  certificateState: SeedCertificateState;
  /**
   * 'valid': the decision was signed this many days before the seeding day (under 36 months minus the warning
   * window). 'expiring' and 'expired': days from the seeding day to the expiry (positive: ahead, negative: past).
   */
  signedDaysAgo: number;
  expiresInDays: number;
  /** Where the seed leaves it: verified and on sale, submitted and awaiting an admin, or a draft (expired). */
  listing: 'active' | 'pending_verification' | 'draft';
  description: string;
}

export interface SeedProducer {
  code: string;
  name: string;
  kind: SeedProducerKind;
  /** The branch of the producer's locality. */
  branchCode: string;
  /** Commune or ward, and street, in Hà Nội. */
  commune: string;
  street: string;
  ownerName: string;
  phone: string;
  products: SeedProduct[];
}

type G = SeedProductGroup;
const FOOD: G = 'food';
const DRINK: G = 'beverages';
const HERB: G = 'herbs';
const TEXT: G = 'textiles_garments';
const CRAFT: G = 'handicrafts_souvenirs_decoration';
const TOUR: G = 'rural_tourism_services';

/** [name, group, stars, price (VND), stock, certificate state (default valid)] */
type Row = [string, G, 3 | 4 | 5, number, number, SeedCertificateState?];

interface ProducerRow {
  code: string;
  name: string;
  kind: SeedProducerKind;
  branchCode: string;
  commune: string;
  street: string;
  ownerName: string;
  /** The historical district whose UBND recognised its 3- and 4-star products before July 2025, if any. */
  district?: string;
  rows: Row[];
}

const PRODUCERS: ProducerRow[] = [
  {
    code: 'P01',
    name: 'Công ty TNHH Gốm sứ Bát Tràng Việt',
    kind: 'enterprise',
    branchCode: 'HN-GLA-BTR',
    commune: 'xã Bát Tràng',
    street: 'Số 12 đường Giang Cao',
    ownerName: 'Lê Văn Phúc',
    district: 'Gia Lâm',
    rows: [
      ['Bình hút lộc men rạn Bát Tràng', CRAFT, 4, 850_000, 40],
      ['Bộ ấm chén men lam Bát Tràng', CRAFT, 5, 1_450_000, 25],
      ['Lọ hoa men hỏa biến Bát Tràng', CRAFT, 4, 620_000, 30],
      ['Đĩa sứ vẽ sen Bát Tràng', CRAFT, 3, 280_000, 60],
    ],
  },
  {
    code: 'P02',
    name: 'HTX Gốm sứ Bát Tràng',
    kind: 'cooperative',
    branchCode: 'HN-GLA-BTR-BTR',
    commune: 'xã Bát Tràng',
    street: 'Thôn Bát Tràng',
    ownerName: 'Phạm Thị Hòa',
    district: 'Gia Lâm',
    rows: [
      ['Bát cơm men lam hoa văn Bát Tràng', CRAFT, 3, 65_000, 500],
      ['Cốc sứ vẽ phố cổ Hà Nội', CRAFT, 3, 90_000, 300],
      ['Bộ tượng gốm Phúc Lộc Thọ', CRAFT, 4, 1_200_000, 12, 'expiring'],
      ['Chum gốm ngâm rượu 10 lít', CRAFT, 3, 450_000, 20],
    ],
  },
  {
    code: 'P03',
    name: 'Hộ kinh doanh Gốm Minh Hải',
    kind: 'household',
    branchCode: 'HN-GLA-BTR-GCA',
    commune: 'xã Bát Tràng',
    street: 'Thôn Giang Cao',
    ownerName: 'Nguyễn Minh Hải',
    district: 'Gia Lâm',
    rows: [
      ['Tranh gốm đắp nổi Khuê Văn Các', CRAFT, 4, 980_000, 8],
      ['Chuông gió gốm Bát Tràng', CRAFT, 3, 120_000, 150],
      ['Đèn xông tinh dầu gốm men rạn', CRAFT, 3, 180_000, 90],
    ],
  },
  {
    code: 'P04',
    name: 'HTX Nông nghiệp Phù Đổng',
    kind: 'cooperative',
    branchCode: 'HN-GLA-PDO',
    commune: 'xã Phù Đổng',
    street: 'Thôn Phù Dực',
    ownerName: 'Đỗ Văn Thành',
    district: 'Gia Lâm',
    rows: [
      ['Sữa tươi thanh trùng Phù Đổng (chai 1 lít)', DRINK, 3, 55_000, 400],
      ['Sữa chua Phù Đổng (lốc 6 hộp)', FOOD, 3, 50_000, 300],
      ['Rau cải ngọt hữu cơ Phù Đổng (thùng 3 kg)', FOOD, 3, 90_000, 200],
      ['Trải nghiệm làng Phù Đổng và đền Gióng', TOUR, 3, 350_000, 100],
    ],
  },
  {
    code: 'P05',
    name: 'Hộ kinh doanh Gốm Kim Lan',
    kind: 'household',
    branchCode: 'HN-GLA-KLA',
    commune: 'xã Kim Lan',
    street: 'Thôn 3 Kim Lan',
    ownerName: 'Trần Thị Ngọc',
    district: 'Gia Lâm',
    rows: [
      ['Bình gốm men nâu Kim Lan', CRAFT, 3, 390_000, 25],
      ['Bộ bát đĩa men tro Kim Lan', CRAFT, 4, 720_000, 15],
      ['Trải nghiệm làm gốm làng Kim Lan', TOUR, 3, 250_000, 80],
    ],
  },
  {
    code: 'P06',
    name: 'HTX Mây tre đan Phú Vinh',
    kind: 'cooperative',
    branchCode: 'HN-CMY-PNG-PVI',
    commune: 'xã Phú Nghĩa',
    street: 'Thôn Phú Vinh',
    ownerName: 'Nguyễn Văn Tâm',
    district: 'Chương Mỹ',
    rows: [
      ['Giỏ mây đan hoa văn Phú Vinh', CRAFT, 4, 320_000, 80],
      ['Khay mây tre Phú Vinh', CRAFT, 3, 150_000, 120],
      ['Đèn mây tre trang trí Phú Vinh', CRAFT, 4, 560_000, 30],
      ['Tranh mây tre đan Khuê Văn Các', CRAFT, 5, 1_500_000, 6],
    ],
  },
  {
    code: 'P07',
    name: 'Công ty TNHH Mây tre xuất khẩu Phú Nghĩa',
    kind: 'enterprise',
    branchCode: 'HN-CMY-PNG',
    commune: 'xã Phú Nghĩa',
    street: 'Cụm công nghiệp Phú Nghĩa',
    ownerName: 'Hoàng Văn Dũng',
    district: 'Chương Mỹ',
    rows: [
      ['Hộp đựng trà mây tre', CRAFT, 3, 180_000, 100],
      ['Túi xách cói mây đan tay', CRAFT, 3, 420_000, 40],
      ['Lẵng mây tre đựng quà Tết', CRAFT, 3, 260_000, 60],
    ],
  },
  {
    code: 'P08',
    name: 'Hộ kinh doanh Nguyễn Thị Thu',
    kind: 'household',
    branchCode: 'HN-CMY-CSO',
    commune: 'thị trấn Chúc Sơn',
    street: 'Khu Bắc Sơn',
    ownerName: 'Nguyễn Thị Thu',
    district: 'Chương Mỹ',
    rows: [
      ['Gạo nếp cái hoa vàng Chúc Sơn (túi 2 kg)', FOOD, 3, 95_000, 300],
      ['Giò lụa Chúc Sơn (1 kg)', FOOD, 3, 220_000, 80],
      ['Rượu nếp cái hoa vàng Chúc Sơn', DRINK, 3, 180_000, 100],
    ],
  },
  {
    code: 'P09',
    name: 'HTX Nón lá làng Chuông',
    kind: 'cooperative',
    branchCode: 'HN-TOA-PTR-CHU',
    commune: 'xã Phương Trung',
    street: 'Thôn Chuông',
    ownerName: 'Vũ Thị Nhung',
    district: 'Thanh Oai',
    rows: [
      ['Nón lá làng Chuông truyền thống', TEXT, 4, 150_000, 200],
      ['Nón lá Chuông vẽ tranh phố cổ', TEXT, 3, 220_000, 120],
      ['Nón lá mini trang trí làng Chuông', CRAFT, 3, 60_000, 300, 'expiring'],
      ['Trải nghiệm làng nghề nón Chuông', TOUR, 3, 200_000, 60],
    ],
  },
  {
    code: 'P10',
    name: 'HTX Miến dong Cự Đà',
    kind: 'cooperative',
    branchCode: 'HN-TOA-CKH-CDA',
    commune: 'xã Cự Khê',
    street: 'Thôn Cự Đà',
    ownerName: 'Bùi Văn Khánh',
    district: 'Thanh Oai',
    rows: [
      ['Miến dong Cự Đà (gói 500 g)', FOOD, 4, 75_000, 600],
      ['Miến dong Cự Đà hữu cơ (gói 1 kg)', FOOD, 4, 140_000, 300],
      ['Miến dong Cự Đà vị rau củ', FOOD, 3, 85_000, 200, 'expiring'],
    ],
  },
  {
    code: 'P11',
    name: 'Hộ kinh doanh Tương Cự Đà Vũ Thị Hiền',
    kind: 'household',
    branchCode: 'HN-TOA-CKH',
    commune: 'xã Cự Khê',
    street: 'Xóm Chùa, thôn Cự Đà',
    ownerName: 'Vũ Thị Hiền',
    district: 'Thanh Oai',
    rows: [
      ['Tương Cự Đà (chai 500 ml)', FOOD, 4, 55_000, 400],
      ['Tương Cự Đà đặc biệt (chum sành 2 lít)', FOOD, 3, 260_000, 50, 'expired'],
      ['Tham quan làng cổ Cự Đà và làng tương', TOUR, 3, 150_000, 50],
    ],
  },
  {
    code: 'P12',
    name: 'Hộ kinh doanh Giò chả Ước Lễ',
    kind: 'household',
    branchCode: 'HN-TOA-TUO',
    commune: 'xã Tân Ước',
    street: 'Thôn Ước Lễ',
    ownerName: 'Đặng Văn Lợi',
    district: 'Thanh Oai',
    rows: [
      ['Giò lụa Ước Lễ (1 kg)', FOOD, 4, 260_000, 100],
      ['Chả quế Ước Lễ (1 kg)', FOOD, 4, 240_000, 80],
      ['Giò thủ Ước Lễ (1 kg)', FOOD, 3, 220_000, 60],
    ],
  },
  {
    code: 'P13',
    name: 'HTX Bánh chưng Tranh Khúc',
    kind: 'cooperative',
    branchCode: 'HN-TTR-DHA-TKH',
    commune: 'xã Duyên Hà',
    street: 'Thôn Tranh Khúc',
    ownerName: 'Nguyễn Văn Quang',
    district: 'Thanh Trì',
    rows: [
      ['Bánh chưng Tranh Khúc (1 kg)', FOOD, 4, 70_000, 500],
      ['Bánh chưng nếp cẩm Tranh Khúc', FOOD, 3, 90_000, 200],
      ['Bánh chưng gấc Tranh Khúc', FOOD, 3, 95_000, 200],
      ['Trải nghiệm gói bánh chưng Tranh Khúc', TOUR, 3, 180_000, 40],
    ],
  },
  {
    code: 'P14',
    name: 'Hộ kinh doanh Bánh chưng Minh Tuấn',
    kind: 'household',
    branchCode: 'HN-TTR-DHA',
    commune: 'xã Duyên Hà',
    street: 'Thôn Duyên Trang',
    ownerName: 'Lương Minh Tuấn',
    district: 'Thanh Trì',
    rows: [
      ['Bánh chưng chay Tranh Khúc', FOOD, 3, 60_000, 300],
      ['Bánh giò Duyên Hà (hộp 5 chiếc)', FOOD, 3, 50_000, 200],
    ],
  },
  {
    code: 'P15',
    name: 'HTX Chè an toàn Ba Trại',
    kind: 'cooperative',
    branchCode: 'HN-BVI-BTR',
    commune: 'xã Ba Trại',
    street: 'Thôn 7 Ba Trại',
    ownerName: 'Kiều Văn Hùng',
    district: 'Ba Vì',
    rows: [
      ['Chè búp Ba Vì (hộp 200 g)', DRINK, 4, 120_000, 300],
      ['Chè xanh Ba Vì sao suốt', DRINK, 3, 90_000, 400],
      ['Hồng trà Ba Vì', DRINK, 4, 180_000, 150],
      ['Trà túi lọc Ba Vì', DRINK, 3, 65_000, 500],
    ],
  },
  {
    code: 'P16',
    name: 'HTX Bò sữa Tản Lĩnh',
    kind: 'cooperative',
    branchCode: 'HN-BVI-TLI',
    commune: 'xã Tản Lĩnh',
    street: 'Thôn Xuân Thọ',
    ownerName: 'Phùng Thị Hằng',
    district: 'Ba Vì',
    rows: [
      ['Sữa chua Ba Vì (lốc 12 hộp)', FOOD, 4, 96_000, 200],
      ['Bánh sữa Ba Vì', FOOD, 4, 70_000, 300],
      ['Sữa tươi thanh trùng Ba Vì', DRINK, 3, 52_000, 300],
      ['Phô mai tươi Ba Vì', FOOD, 3, 150_000, 80],
    ],
  },
  {
    code: 'P17',
    name: 'Công ty TNHH Dược liệu Dao đỏ Ba Vì',
    kind: 'enterprise',
    branchCode: 'HN-BVI-BVI',
    commune: 'xã Ba Vì',
    street: 'Thôn Hợp Nhất',
    ownerName: 'Triệu Văn Sơn',
    district: 'Ba Vì',
    rows: [
      ['Thuốc tắm người Dao đỏ Ba Vì', HERB, 4, 120_000, 200],
      ['Cao xương khớp Dao đỏ', HERB, 3, 350_000, 60, 'expiring'],
      ['Trà giảo cổ lam Ba Vì', HERB, 4, 110_000, 250],
      ['Cao ích mẫu Ba Vì', HERB, 3, 280_000, 70],
    ],
  },
  {
    code: 'P18',
    name: 'Hộ kinh doanh Triệu Thị Mai',
    kind: 'household',
    branchCode: 'HN-BVI-BVI-YSO',
    commune: 'xã Ba Vì',
    street: 'Thôn Yên Sơn',
    ownerName: 'Triệu Thị Mai',
    district: 'Ba Vì',
    rows: [
      ['Xà phòng thảo dược Dao đỏ', HERB, 3, 60_000, 300],
      ['Gối thảo dược Ba Vì', HERB, 3, 240_000, 40],
      ['Homestay người Dao Yên Sơn (1 đêm)', TOUR, 3, 450_000, 30],
    ],
  },
  {
    code: 'P19',
    name: 'HTX Du lịch Làng cổ Đường Lâm',
    kind: 'cooperative',
    branchCode: 'HN-STY',
    commune: 'phường Sơn Tây',
    street: 'Thôn Mông Phụ, Đường Lâm',
    ownerName: 'Hà Văn Nghĩa',
    rows: [
      ['Tour làng cổ Đường Lâm (1 ngày)', TOUR, 4, 320_000, 100],
      ['Chè lam Đường Lâm', FOOD, 4, 60_000, 300],
      ['Tương Đường Lâm (chai 500 ml)', FOOD, 3, 50_000, 300],
      ['Kẹo dồi lạc Đường Lâm', FOOD, 3, 55_000, 250],
    ],
  },
  {
    code: 'P20',
    name: 'HTX Chăn nuôi gà Mía Sơn Tây',
    kind: 'cooperative',
    branchCode: 'HN-STY',
    commune: 'phường Sơn Tây',
    street: 'Thôn Mía, Đường Lâm',
    ownerName: 'Khuất Duy Tiến',
    rows: [
      ['Gà Mía Đường Lâm (con 2 kg)', FOOD, 4, 480_000, 60],
      ['Gà Mía hun khói Sơn Tây', FOOD, 3, 380_000, 30, 'expired'],
    ],
  },
  {
    code: 'P21',
    name: 'Công ty TNHH Lụa Vạn Phúc',
    kind: 'enterprise',
    branchCode: 'HN-HDO-VPH',
    commune: 'phường Vạn Phúc',
    street: 'Số 8 phố Vạn Phúc',
    ownerName: 'Triệu Thị Lụa',
    district: 'Hà Đông',
    rows: [
      ['Khăn lụa tơ tằm Vạn Phúc', TEXT, 4, 450_000, 80],
      ['Áo dài lụa tơ tằm Vạn Phúc', TEXT, 5, 1_500_000, 10],
      ['Cà vạt lụa Vạn Phúc', TEXT, 3, 250_000, 100],
      ['Khăn lụa in hoa sen Vạn Phúc', TEXT, 4, 520_000, 60],
    ],
  },
  {
    code: 'P22',
    name: 'HTX Dệt lụa Vạn Phúc',
    kind: 'cooperative',
    branchCode: 'HN-HDO-VPH',
    commune: 'phường Vạn Phúc',
    street: 'Tổ dân phố 3 Vạn Phúc',
    ownerName: 'Cao Văn Thịnh',
    district: 'Hà Đông',
    rows: [
      ['Vải lụa tơ tằm Vạn Phúc (1 mét)', TEXT, 4, 320_000, 500],
      ['Túi lụa thêu tay Vạn Phúc', TEXT, 3, 180_000, 120],
      ['Trải nghiệm làng lụa Vạn Phúc', TOUR, 4, 150_000, 80],
    ],
  },
  {
    code: 'P23',
    name: 'Công ty TNHH Khảm trai Chuyên Mỹ',
    kind: 'enterprise',
    branchCode: 'HN-CMI',
    commune: 'xã Chuyên Mỹ',
    street: 'Thôn Chuôn Ngọ',
    ownerName: 'Trương Văn Bình',
    rows: [
      ['Tranh khảm trai Văn Miếu', CRAFT, 5, 1_500_000, 5],
      ['Hộp trang sức khảm trai', CRAFT, 4, 650_000, 40],
      ['Khay trà khảm trai Chuyên Mỹ', CRAFT, 4, 890_000, 20],
      ['Đĩa sơn mài khảm trai', CRAFT, 3, 480_000, 25],
    ],
  },
  {
    code: 'P24',
    name: 'HTX Du lịch Hương Sơn',
    kind: 'cooperative',
    branchCode: 'HN-HSO',
    commune: 'xã Hương Sơn',
    street: 'Thôn Yến Vĩ',
    ownerName: 'Đinh Văn Hưởng',
    rows: [
      ['Tour chùa Hương và suối Yến (đò và hướng dẫn)', TOUR, 4, 350_000, 200],
      ['Rau sắng chùa Hương sấy khô', FOOD, 3, 150_000, 100],
      ['Củ mài Hương Sơn sấy', HERB, 3, 200_000, 60],
    ],
  },
  {
    code: 'P25',
    name: 'Công ty TNHH Mơ Hương Sơn',
    kind: 'enterprise',
    branchCode: 'HN-HSO',
    commune: 'xã Hương Sơn',
    street: 'Thôn Hội Xá',
    ownerName: 'Lê Thị Mơ',
    rows: [
      ['Rượu mơ Hương Sơn (chai 500 ml)', DRINK, 4, 165_000, 300],
      ['Siro mơ Hương Sơn', DRINK, 3, 95_000, 200],
      ['Ô mai mơ Hương Sơn', FOOD, 4, 120_000, 250],
    ],
  },
  {
    code: 'P26',
    name: 'HTX Nông nghiệp Vân Đình',
    kind: 'cooperative',
    branchCode: 'HN-VDI-DTH',
    commune: 'xã Vân Đình',
    street: 'Thôn Đông Thịnh',
    ownerName: 'Nguyễn Đình Lực',
    rows: [
      ['Gạo nếp cái hoa vàng Vân Đình (túi 5 kg)', FOOD, 3, 210_000, 300],
      ['Gạo tám thơm Ứng Hòa (túi 5 kg)', FOOD, 3, 150_000, 400],
      ['Mật ong hoa nhãn Ứng Hòa (chai 500 ml)', FOOD, 4, 250_000, 100],
    ],
  },
  {
    code: 'P27',
    name: 'Hộ kinh doanh Bánh giầy Quán Gánh',
    kind: 'household',
    branchCode: 'HN-TTI',
    commune: 'xã Thường Tín',
    street: 'Thôn Quán Gánh, Nhị Khê',
    ownerName: 'Phạm Văn Giầy',
    rows: [
      ['Bánh giầy giò Quán Gánh (hộp 10 chiếc)', FOOD, 4, 60_000, 400],
      ['Bánh giò Quán Gánh (hộp 5 chiếc)', FOOD, 3, 50_000, 200],
      ['Bộ cờ tướng gỗ tiện Nhị Khê', CRAFT, 3, 350_000, 40],
    ],
  },
  {
    code: 'P28',
    name: 'Hộ kinh doanh Bạc Đào Văn Hưng',
    kind: 'household',
    branchCode: 'HN-HKI-HBA',
    commune: 'phường Hàng Bạc',
    street: 'Số 45 phố Hàng Bạc',
    ownerName: 'Đào Văn Hưng',
    district: 'Hoàn Kiếm',
    rows: [
      ['Vòng tay bạc chạm rồng phố Hàng Bạc', CRAFT, 3, 950_000, 20],
      ['Bộ chén bạc chạm hoa sen', CRAFT, 5, 1_500_000, 6],
    ],
  },
  {
    code: 'P29',
    name: 'Công ty TNHH Ô mai Phố Cổ',
    kind: 'enterprise',
    branchCode: 'HN-HKI-HDA',
    commune: 'phường Hàng Đào',
    street: 'Số 11 phố Hàng Đường',
    ownerName: 'Lâm Thị Hồng',
    district: 'Hoàn Kiếm',
    rows: [
      ['Ô mai sấu gừng Hà Nội', FOOD, 4, 145_000, 300],
      ['Ô mai mơ xào gừng', FOOD, 4, 160_000, 250],
      ['Trà sen Hồ Tây ướp bông (hộp 100 g)', DRINK, 5, 1_200_000, 15],
      ['Mứt sen trần Hà Nội', FOOD, 3, 180_000, 150],
    ],
  },
  {
    code: 'P30',
    name: 'Hộ kinh doanh Chè lam Thạch Xá',
    kind: 'household',
    branchCode: 'HN-TTH-TXA',
    commune: 'xã Thạch Xá',
    street: 'Thôn Phùng Xá',
    ownerName: 'Kiều Thị Lam',
    district: 'Thạch Thất',
    rows: [
      ['Chè lam Thạch Xá', FOOD, 4, 50_000, 500],
      ['Chè lam gừng Thạch Xá', FOOD, 3, 65_000, 200],
      ['Quạt giấy Chàng Sơn', CRAFT, 3, 80_000, 200],
    ],
  },
];

const DESCRIPTION: Record<SeedProductGroup, string> = {
  food: 'Sản phẩm thực phẩm OCOP của Hà Nội, sản xuất thủ công theo công thức truyền thống của làng.',
  beverages: 'Đồ uống OCOP của Hà Nội, nguyên liệu từ vùng trồng địa phương.',
  herbs: 'Sản phẩm thảo dược OCOP, từ bài thuốc dân gian của đồng bào địa phương.',
  textiles_garments: 'Sản phẩm dệt may OCOP, làm thủ công tại làng nghề Hà Nội.',
  handicrafts_souvenirs_decoration: 'Sản phẩm thủ công mỹ nghệ OCOP của làng nghề truyền thống Hà Nội.',
  rural_tourism_services: 'Dịch vụ du lịch cộng đồng OCOP: trải nghiệm làng nghề và nông thôn Hà Nội.',
};

/** 'expiring' ends in 5 to 25 days, 'expired' ended 20 to 59 days ago; valid ones were signed 30 to 899 days ago. */
function certificateTiming(
  index: number,
  state: SeedCertificateState,
): { signedDaysAgo: number; expiresInDays: number } {
  if (state === 'expiring') return { signedDaysAgo: 0, expiresInDays: 5 + ((index * 7) % 21) };
  if (state === 'expired') return { signedDaysAgo: 0, expiresInDays: -(20 + ((index * 11) % 40)) };
  return { signedDaysAgo: 30 + ((index * 53) % 870), expiresInDays: 0 };
}

function phoneFor(index: number): string {
  const prefixes = ['091', '098', '097', '096', '090', '093', '035', '086', '088', '094'];
  return `${prefixes[index % prefixes.length]}${String(2_345_678 + index * 104_729)
    .padStart(7, '0')
    .slice(-7)}`;
}

const DISTRICT_KIND: Record<string, string> = { 'Hoàn Kiếm': 'quận', 'Hà Đông': 'quận' };

let productIndex = 0;
export const SEED_PRODUCERS: readonly SeedProducer[] = PRODUCERS.map((producer, producerIndex) => ({
  code: producer.code,
  name: producer.name,
  kind: producer.kind,
  branchCode: producer.branchCode,
  commune: producer.commune,
  street: producer.street,
  ownerName: producer.ownerName,
  phone: phoneFor(producerIndex),
  products: producer.rows.map(([name, group, stars, priceVnd, stock, state = 'valid'], rowIndex) => {
    const index = productIndex++;
    // 5 stars are national (the ministry); 3 and 4 the city's; a few older 3-star ones a district's.
    const issuer =
      stars === 5
        ? 'Bộ Nông nghiệp và Phát triển nông thôn'
        : stars === 3 && producer.district && index % 3 === 0
          ? `UBND ${DISTRICT_KIND[producer.district] ?? 'huyện'} ${producer.district}`
          : 'UBND thành phố Hà Nội';
    return {
      code: `${producer.code}-${String(rowIndex + 1).padStart(2, '0')}`,
      name,
      group,
      stars,
      priceVnd,
      stock,
      decisionNumber: `${1_000 + ((index * 379) % 8_900)}/${stars === 5 ? 'QĐ-BNN-VPĐP' : 'QĐ-UBND'}`,
      issuingBody: issuer,
      certificateState: state,
      ...certificateTiming(index, state),
      // An expired certificate cannot be submitted; a few valid ones wait for an admin's verification.
      listing: state === 'expired' ? 'draft' : index % 19 === 5 ? 'pending_verification' : 'active',
      description: DESCRIPTION[group],
    };
  }),
}));

export const SEED_PRODUCTS: readonly SeedProduct[] = SEED_PRODUCERS.flatMap((producer) => producer.products);
