/**
 * The demo's catalogue grown to the Youth Union's pledge: 579 OCOP products on sale (the base seed's few drafts and
 * products awaiting verification come on top), so that the city's campaign targets exactly 579. Twenty more
 * producers in the communes the branch tree has, and more products for every producer, generated from a seeded
 * random source so that every run (and every machine) makes the same catalogue. Pure data; `seed-history.ts`
 * creates it through the catalogue's own services. The generated products have no photos (the web app draws its
 * fallback for them).
 */
import { SEED_PRODUCERS, SeedProducerKind, SeedProductGroup } from './hanoi-catalogue';
import { SeededRandom } from './random';

/** The pledge: 579 OCOP products promoted and sold through livestreams. */
export const PLEDGE_PRODUCTS = 579;

export interface GrowthProducer {
  code: string;
  name: string;
  kind: SeedProducerKind;
  branchCode: string;
  commune: string;
  street: string;
  ownerName: string;
  phone: string;
  /** Whether the base seed (hanoi-catalogue.ts) already creates it. */
  existing: boolean;
  products: GrowthProduct[];
}

export interface GrowthProduct {
  name: string;
  group: SeedProductGroup;
  stars: 3 | 4 | 5;
  priceVnd: number;
  stock: number;
  decisionNumber: string;
  issuingBody: string;
  /** Days before the seeding day on which the recognition decision was signed (30 to 899: valid). */
  signedDaysAgo: number;
  description: string;
}

type G = SeedProductGroup;

/** [base name, lowest and highest price in thousands of đồng] */
type Item = [string, number, number];

const ITEMS: Record<G, Item[]> = {
  food: [
    ['Gạo nếp cái hoa vàng', 40, 70],
    ['Gạo tám thơm', 30, 55],
    ['Bún khô', 35, 60],
    ['Miến dong', 60, 110],
    ['Bánh đa nem', 30, 50],
    ['Mật ong hoa nhãn', 180, 350],
    ['Giò lụa', 180, 260],
    ['Chả quế', 190, 280],
    ['Nem chua', 80, 140],
    ['Ruốc thịt lợn', 250, 420],
    ['Trứng vịt muối', 45, 80],
    ['Cốm khô', 120, 200],
    ['Bánh chưng', 60, 120],
    ['Bánh tẻ', 40, 70],
    ['Bánh gai', 45, 90],
    ['Mứt gừng', 90, 160],
    ['Ô mai mơ', 120, 220],
    ['Dưa chuột muối', 35, 60],
    ['Tương bần', 40, 75],
    ['Dầu lạc ép', 90, 150],
    ['Vừng đen rang', 60, 110],
    ['Bưởi Diễn', 60, 120],
    ['Cam Canh', 50, 90],
    ['Nhãn lồng sấy', 140, 240],
    ['Chuối tiêu hồng', 30, 55],
    ['Khoai lang mật', 30, 55],
    ['Nấm sò tươi', 40, 70],
    ['Mộc nhĩ khô', 120, 220],
    ['Măng khô', 160, 300],
    ['Đậu phụ làng', 25, 45],
    ['Bánh cuốn', 40, 70],
    ['Thịt chua', 120, 200],
    ['Chè kho', 50, 90],
    ['Lạc rang húng lìu', 50, 90],
  ],
  beverages: [
    ['Trà xanh búp', 120, 260],
    ['Trà sen', 250, 600],
    ['Trà hoa nhài', 120, 220],
    ['Trà atiso', 90, 180],
    ['Rượu nếp cái', 120, 260],
    ['Rượu men lá', 150, 320],
    ['Trà túi lọc lá vối', 60, 110],
    ['Cà phê rang xay', 140, 280],
    ['Nước ép bưởi', 35, 70],
    ['Sữa tươi thanh trùng', 30, 55],
    ['Trà hoa cúc', 120, 240],
    ['Trà gạo lứt', 70, 130],
    ['Trà gừng mật ong', 80, 150],
    ['Sữa chua nếp cẩm', 30, 60],
  ],
  herbs: [
    ['Cao gắm', 250, 500],
    ['Tinh dầu bưởi', 120, 260],
    ['Tinh dầu sả chanh', 90, 200],
    ['Cao ích mẫu', 150, 300],
    ['Trà giảo cổ lam', 120, 250],
    ['Nấm linh chi', 400, 900],
    ['Xà phòng thảo dược', 45, 90],
    ['Dầu gội bồ kết', 90, 180],
    ['Thuốc ngâm chân thảo mộc', 60, 120],
    ['Cao lá vối', 150, 280],
    ['Tinh bột nghệ', 180, 350],
    ['Trà cà gai leo', 120, 220],
    ['Bột sắn dây', 120, 220],
    ['Cây xạ đen khô', 90, 180],
  ],
  textiles_garments: [
    ['Khăn lụa tơ tằm', 250, 650],
    ['Áo dài lụa', 1_200, 3_500],
    ['Khăn lụa vẽ tay', 350, 800],
    ['Túi vải thổ cẩm', 180, 420],
    ['Vải lụa tơ tằm (mét)', 250, 480],
    ['Áo đũi', 450, 900],
    ['Khăn thêu tay', 120, 260],
    ['Tranh thêu tay', 800, 3_000],
    ['Vỏ gối thêu', 180, 350],
    ['Cà vạt lụa', 250, 450],
    ['Nón lá', 90, 250],
    ['Khẩu trang lụa', 60, 120],
  ],
  handicrafts_souvenirs_decoration: [
    ['Giỏ mây đan', 120, 350],
    ['Khay tre', 90, 220],
    ['Đèn mây tre', 250, 650],
    ['Quạt giấy', 60, 150],
    ['Tượng gỗ', 600, 3_500],
    ['Tranh sơn mài', 900, 4_500],
    ['Hộp sơn mài', 250, 700],
    ['Đũa tre', 40, 90],
    ['Đèn lồng lụa', 150, 380],
    ['Bình gốm men', 250, 900],
    ['Lược sừng', 60, 150],
    ['Tranh khảm trai', 1_200, 5_000],
    ['Tò he', 20, 50],
    ['Đồ chơi Trung thu', 50, 150],
    ['Mõ gỗ', 120, 400],
    ['Chổi đót', 40, 80],
  ],
  rural_tourism_services: [
    ['Tour trải nghiệm làng nghề một ngày', 350, 750],
    ['Homestay nhà vườn (đêm)', 450, 900],
    ['Trải nghiệm làm nông cùng nông dân', 250, 500],
    ['Lớp học làm bánh truyền thống', 200, 400],
    ['Tour xe đạp đồng quê', 300, 600],
    ['Vé tham quan vườn cây ăn quả', 60, 150],
  ],
};

const PACKS: Record<G, string[]> = {
  food: ['', 'hộp quà', 'túi 1 kg', 'loại đặc biệt'],
  beverages: ['', 'hộp quà', 'túi 500 g', 'loại thượng hạng'],
  herbs: ['', 'hộp 200 g', 'lọ 100 ml', 'bộ quà tặng'],
  textiles_garments: ['', 'mẫu mới', 'bộ quà tặng', 'dáng truyền thống'],
  handicrafts_souvenirs_decoration: ['', 'cỡ lớn', 'bộ quà tặng', 'mẫu mới'],
  rural_tourism_services: ['', 'gói gia đình', 'gói nhóm 10 người', 'gói cuối tuần'],
};

const DESCRIPTION: Record<G, string> = {
  food: 'Thực phẩm OCOP của Hà Nội, làm theo công thức truyền thống của làng, nguyên liệu địa phương.',
  beverages: 'Đồ uống OCOP của Hà Nội, nguyên liệu từ vùng trồng của hợp tác xã.',
  herbs: 'Sản phẩm thảo dược OCOP, từ cây thuốc trồng và chế biến tại địa phương.',
  textiles_garments: 'Sản phẩm dệt may OCOP, dệt và may thủ công tại làng nghề Hà Nội.',
  handicrafts_souvenirs_decoration: 'Sản phẩm thủ công mỹ nghệ OCOP của làng nghề truyền thống Hà Nội.',
  rural_tourism_services: 'Dịch vụ du lịch cộng đồng OCOP: trải nghiệm làng nghề và nông thôn Hà Nội.',
};

interface NewProducerRow {
  code: string;
  name: string;
  kind: SeedProducerKind;
  branchCode: string;
  commune: string;
  street: string;
  ownerName: string;
  groups: G[];
}

const FOOD: G = 'food';
const DRINK: G = 'beverages';
const HERB: G = 'herbs';
const TEXT: G = 'textiles_garments';
const CRAFT: G = 'handicrafts_souvenirs_decoration';
const TOUR: G = 'rural_tourism_services';

/** Twenty more producers, each in a commune or ward of the demo's branch tree. */
const NEW_PRODUCERS: NewProducerRow[] = [
  {
    code: 'P31',
    name: 'HTX Nông nghiệp sạch Kim Lan',
    kind: 'cooperative',
    branchCode: 'HN-GLA-KLA',
    commune: 'xã Kim Lan',
    street: 'Thôn 3',
    ownerName: 'Nguyễn Văn Khải',
    groups: [FOOD, CRAFT],
  },
  {
    code: 'P32',
    name: 'Hộ kinh doanh Bánh gai Phù Đổng',
    kind: 'household',
    branchCode: 'HN-GLA-PDO',
    commune: 'xã Phù Đổng',
    street: 'Thôn Đổng Viên',
    ownerName: 'Trần Thị Nga',
    groups: [FOOD],
  },
  {
    code: 'P33',
    name: 'Công ty TNHH Thực phẩm Chúc Sơn',
    kind: 'enterprise',
    branchCode: 'HN-CMY-CSO',
    commune: 'thị trấn Chúc Sơn',
    street: 'Số 45 phố Chúc Sơn',
    ownerName: 'Lê Minh Tâm',
    groups: [FOOD, DRINK],
  },
  {
    code: 'P34',
    name: 'HTX Mây tre giang đan Phú Nghĩa',
    kind: 'cooperative',
    branchCode: 'HN-CMY-PNG',
    commune: 'xã Phú Nghĩa',
    street: 'Thôn Trường An',
    ownerName: 'Phạm Văn Lực',
    groups: [CRAFT],
  },
  {
    code: 'P35',
    name: 'Hộ kinh doanh Lụa Hàng Bạc',
    kind: 'household',
    branchCode: 'HN-HKI-HBA',
    commune: 'phường Hàng Bạc',
    street: 'Số 18 phố Hàng Bạc',
    ownerName: 'Đinh Thị Thanh',
    groups: [TEXT, CRAFT],
  },
  {
    code: 'P36',
    name: 'Công ty CP Trà và Bánh phố cổ',
    kind: 'enterprise',
    branchCode: 'HN-HKI-HDA',
    commune: 'phường Hàng Đào',
    street: 'Số 7 phố Hàng Đường',
    ownerName: 'Vũ Đức Thắng',
    groups: [DRINK, FOOD],
  },
  {
    code: 'P37',
    name: 'HTX Dược liệu Ba Vì',
    kind: 'cooperative',
    branchCode: 'HN-BVI-BVI-YSO',
    commune: 'xã Ba Vì',
    street: 'Thôn Yên Sơn',
    ownerName: 'Bàn Văn Tiến',
    groups: [HERB],
  },
  {
    code: 'P38',
    name: 'HTX Chè Ba Trại',
    kind: 'cooperative',
    branchCode: 'HN-BVI-BTR',
    commune: 'xã Ba Trại',
    street: 'Thôn 4',
    ownerName: 'Nguyễn Thị Hằng',
    groups: [DRINK, TOUR],
  },
  {
    code: 'P39',
    name: 'Hộ kinh doanh Nón lá Chuông',
    kind: 'household',
    branchCode: 'HN-TOA-PTR-CHU',
    commune: 'xã Phương Trung',
    street: 'Thôn Chuông',
    ownerName: 'Lê Thị Vân',
    groups: [TEXT],
  },
  {
    code: 'P40',
    name: 'HTX Rau an toàn Cự Khê',
    kind: 'cooperative',
    branchCode: 'HN-TOA-CKH',
    commune: 'xã Cự Khê',
    street: 'Thôn Cự Khê',
    ownerName: 'Trịnh Văn Bình',
    groups: [FOOD],
  },
  {
    code: 'P41',
    name: 'Hộ kinh doanh Bún Cự Đà',
    kind: 'household',
    branchCode: 'HN-TOA-CKH-CDA',
    commune: 'xã Cự Khê',
    street: 'Thôn Cự Đà',
    ownerName: 'Nguyễn Thị Mến',
    groups: [FOOD],
  },
  {
    code: 'P42',
    name: 'Công ty TNHH Mỹ nghệ Tân Ước',
    kind: 'enterprise',
    branchCode: 'HN-TOA-TUO',
    commune: 'xã Tân Ước',
    street: 'Thôn Văn Ông',
    ownerName: 'Đặng Quốc Việt',
    groups: [CRAFT, HERB],
  },
  {
    code: 'P43',
    name: 'HTX Bánh cuốn Thanh Trì',
    kind: 'cooperative',
    branchCode: 'HN-TTR-DHA',
    commune: 'xã Duyên Hà',
    street: 'Thôn Thanh Trì',
    ownerName: 'Hoàng Thị Mai',
    groups: [FOOD],
  },
  {
    code: 'P44',
    name: 'Hộ kinh doanh Lụa Vạn Phúc Hồng Nhung',
    kind: 'household',
    branchCode: 'HN-HDO-VPH',
    commune: 'phường Vạn Phúc',
    street: 'Số 52 phố Vạn Phúc',
    ownerName: 'Nguyễn Hồng Nhung',
    groups: [TEXT],
  },
  {
    code: 'P45',
    name: 'HTX Du lịch cộng đồng Thạch Xá',
    kind: 'cooperative',
    branchCode: 'HN-TTH-TXA',
    commune: 'xã Thạch Xá',
    street: 'Thôn Phùng Xá',
    ownerName: 'Kiều Văn Hùng',
    groups: [TOUR, CRAFT],
  },
  {
    code: 'P46',
    name: 'Công ty CP Nông sản Sơn Tây',
    kind: 'enterprise',
    branchCode: 'HN-STY',
    commune: 'phường Sơn Tây',
    street: 'Số 9 phố Quang Trung',
    ownerName: 'Hà Văn Quý',
    groups: [FOOD, DRINK, TOUR],
  },
  {
    code: 'P47',
    name: 'HTX Khảm trai Chuyên Mỹ',
    kind: 'cooperative',
    branchCode: 'HN-CMI',
    commune: 'xã Chuyên Mỹ',
    street: 'Thôn Chuôn Ngọ',
    ownerName: 'Phạm Đức Thịnh',
    groups: [CRAFT],
  },
  {
    code: 'P48',
    name: 'Hộ kinh doanh Đặc sản Hương Sơn',
    kind: 'household',
    branchCode: 'HN-HSO',
    commune: 'xã Hương Sơn',
    street: 'Thôn Yến Vĩ',
    ownerName: 'Nguyễn Văn Sơn',
    groups: [FOOD, HERB, TOUR],
  },
  {
    code: 'P49',
    name: 'HTX Nông nghiệp Đông Thịnh',
    kind: 'cooperative',
    branchCode: 'HN-VDI-DTH',
    commune: 'xã Vân Đình',
    street: 'Thôn Đông Thịnh',
    ownerName: 'Lê Văn Cường',
    groups: [FOOD, DRINK],
  },
  {
    code: 'P50',
    name: 'Công ty TNHH Sừng mỹ nghệ Thụy Ứng',
    kind: 'enterprise',
    branchCode: 'HN-TTI',
    commune: 'xã Thường Tín',
    street: 'Thôn Thụy Ứng',
    ownerName: 'Trần Quang Minh',
    groups: [CRAFT],
  },
];

/** "xã Bát Tràng" -> "Bát Tràng": the place a product is named after. */
function placeOf(commune: string): string {
  return commune.replace(/^(xã|phường|thị trấn)\s+/i, '');
}

function phoneFor(index: number): string {
  const prefixes = ['091', '098', '097', '096', '090', '093', '035', '086', '088', '094'];
  return `${prefixes[index % prefixes.length]}${String(7_654_321 + index * 99_991)
    .padStart(7, '0')
    .slice(-7)}`;
}

function issuer(stars: 3 | 4 | 5): string {
  return stars === 5 ? 'Bộ Nông nghiệp và Phát triển nông thôn' : 'UBND thành phố Hà Nội';
}

function build(): GrowthProducer[] {
  const random = new SeededRandom(579);
  const existing = SEED_PRODUCERS.map((p) => ({
    code: p.code,
    name: p.name,
    kind: p.kind,
    branchCode: p.branchCode,
    commune: p.commune,
    street: p.street,
    ownerName: p.ownerName,
    phone: p.phone,
    existing: true,
    // A producer grows along what it already makes.
    groups: [...new Set(p.products.map((x) => x.group))],
    // Only products on sale count toward the pledge: the base seed also leaves drafts and products awaiting
    // verification, which no campaign can target.
    base: p.products.filter((x) => x.listing === 'active').length,
  }));
  const fresh = NEW_PRODUCERS.map((p, i) => ({
    ...p,
    phone: phoneFor(i),
    existing: false,
    base: 0,
  }));
  const all = [...existing, ...fresh];
  const baseOnSale = existing.reduce((n, p) => n + p.base, 0);
  const toAdd = Math.max(0, PLEDGE_PRODUCTS - baseOnSale);
  // New producers take a bigger share (they start with nothing), the rest is spread over everyone in turn.
  const counts: number[] = all.map((p) => (p.existing ? 0 : 4));
  let left = toAdd - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % all.length, left--) counts[i] = (counts[i] as number) + 1;

  const names = new Set(SEED_PRODUCERS.flatMap((p) => p.products.map((x) => x.name)));
  let serial = 0;
  return all.map((p, producerIndex) => {
    const place = placeOf(p.commune);
    const products: GrowthProduct[] = [];
    const wanted = counts[producerIndex] as number;
    for (let attempt = 0; products.length < wanted && attempt < wanted * 20; attempt++) {
      const group = random.pick(p.groups);
      const [base, low, high] = random.pick(ITEMS[group]);
      const pack = random.pick(PACKS[group]);
      const name = `${base} ${place}${pack ? ` (${pack})` : ''}`;
      if (names.has(name)) continue;
      names.add(name);
      const roll = random.next();
      const stars: 3 | 4 | 5 = roll < 0.55 ? 3 : roll < 0.9 ? 4 : 5;
      const price = (low + random.next() * (high - low)) * (pack === '' ? 1 : 1.4);
      const index = serial++;
      products.push({
        name,
        group,
        stars,
        // Round thousands of đồng, ending in 000 or 5.000 as shops price them.
        priceVnd: Math.max(10_000, Math.round((price * 1_000) / 5_000) * 5_000),
        stock: group === 'rural_tourism_services' ? random.int(20, 60) : random.int(60, 400),
        decisionNumber: `${2_000 + ((index * 211) % 7_900)}/${stars === 5 ? 'QĐ-BNN-VPĐP' : 'QĐ-UBND'}`,
        issuingBody: issuer(stars),
        signedDaysAgo: 30 + ((index * 37) % 870),
        description: DESCRIPTION[group],
      });
    }
    const { groups: _groups, base: _base, ...producer } = p;
    return { ...producer, products };
  });
}

export const GROWTH_PRODUCERS: readonly GrowthProducer[] = build();
