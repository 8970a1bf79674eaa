/**
 * Eight weeks of the demo's past, as a plan: who hosted which session when, with what lineup, and who bought what in
 * it and what became of each order. Pure data, generated from a seeded random source and the seeding day, so that
 * the same day gives the same plan; `seed-history.ts` carries it out through the platform's own services.
 *
 * Session titles do not depend on the day: a host's session with a planned title already in the database means the
 * history was made before (on this day or another), and the seed skips it.
 */
import { GROWTH_PRODUCERS } from './hanoi-growth';
import { SEED_PRODUCERS } from './hanoi-catalogue';
import { SEED_STREAMERS, SeedShopper, SeedStreamer, SEED_SHOPPERS, DEMO_EMAIL_DOMAIN } from './hanoi-users';
import { hashText, SeededRandom } from './random';

export const HISTORY_WEEKS = 8;

/**
 * DEMO_HISTORY=0 leaves out the demo's past (the catalogue grown to the 579-product pledge and eight weeks of
 * sessions and orders): the web tests' demos start without it. Anything else but 1 or unset is a mistake.
 */
export function historyWanted(value: string | undefined = process.env['DEMO_HISTORY']): boolean {
  if (value === undefined || value === '' || value === '1') return true;
  if (value === '0') return false;
  throw new Error(`DEMO_HISTORY must be 0 or 1 (got "${value}")`);
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

const email = (local: string): string => `${local}@${DEMO_EMAIL_DOMAIN}`;

/** More streamers, in branches the base seed has none in, so that the past spreads over more of the tree. */
export const HISTORY_STREAMERS: readonly SeedStreamer[] = [
  {
    email: email('streamer.chuong'),
    fullName: 'Lê Thu Hương',
    phone: '0983000007',
    branchCode: 'HN-TOA-PTR-CHU',
  },
  {
    email: email('streamer.thachxa'),
    fullName: 'Kiều Anh Tuấn',
    phone: '0983000008',
    branchCode: 'HN-TTH-TXA',
  },
  {
    email: email('streamer.huongson'),
    fullName: 'Nguyễn Bảo Ngọc',
    phone: '0983000009',
    branchCode: 'HN-HSO',
  },
  { email: email('streamer.phudong'), fullName: 'Đỗ Hải Nam', phone: '0983000010', branchCode: 'HN-GLA-PDO' },
  {
    email: email('streamer.tranhkhuc'),
    fullName: 'Phan Thị Hồng',
    phone: '0983000011',
    branchCode: 'HN-TTR-DHA-TKH',
  },
  {
    email: email('streamer.thuongtin'),
    fullName: 'Trần Đức Long',
    phone: '0983000012',
    branchCode: 'HN-TTI',
  },
];

/** More buyers for the past orders (the base seed's four shoppers buy too). */
export const HISTORY_SHOPPERS: readonly SeedShopper[] = [
  ['Nguyễn Thị Thu Hằng', 5],
  ['Trần Quốc Việt', 6],
  ['Lê Phương Thảo', 7],
  ['Phạm Đức Anh', 8],
  ['Vũ Thị Ngọc Ánh', 9],
  ['Đỗ Minh Quân', 10],
  ['Hoàng Thu Hà', 11],
  ['Bùi Thanh Tùng', 12],
  ['Đinh Thị Mai Phương', 13],
  ['Ngô Gia Bảo', 14],
  ['Dương Khánh Linh', 15],
  ['Lý Văn Hải', 16],
].map(([fullName, n]) => ({
  email: email(`shopper${n as number}`),
  fullName: fullName as string,
  phone: `08680000${String(n).padStart(2, '0')}`,
}));

/** The branches (code prefixes) whose producers each streamer shows: their own district and its neighbours. */
const SHOWS: Record<string, string[]> = {
  'HN-GLA-BTR': ['HN-GLA'],
  'HN-CMY-PNG-PVI': ['HN-CMY', 'HN-HSO'],
  'HN-BVI-BTR': ['HN-BVI', 'HN-STY'],
  'HN-HKI-HDA': ['HN-HKI', 'HN-HDO'],
  'HN-STY': ['HN-STY', 'HN-BVI', 'HN-TTH'],
  'HN-HDO-VPH': ['HN-HDO', 'HN-HKI', 'HN-TOA'],
  'HN-TOA-PTR-CHU': ['HN-TOA', 'HN-TTR'],
  'HN-TTH-TXA': ['HN-TTH', 'HN-STY'],
  'HN-HSO': ['HN-HSO', 'HN-VDI', 'HN-CMI'],
  'HN-GLA-PDO': ['HN-GLA', 'HN-HKI'],
  'HN-TTR-DHA-TKH': ['HN-TTR', 'HN-TOA'],
  'HN-TTI': ['HN-TTI', 'HN-CMI', 'HN-VDI'],
};

const THEMES = [
  'Chợ phiên OCOP',
  'Đặc sản quê nhà',
  'Tối thứ Sáu cùng làng nghề',
  'Quà Hà Nội',
  'Gặp người làm ra sản phẩm',
  'Live từ xưởng',
  'Sáng cuối tuần ở làng',
  'Mùa vụ mới',
];

export type OrderFate = 'cancelled' | 'confirmed' | 'shipped' | 'delivered' | 'returned';

export interface PlannedOrder {
  buyerEmail: string;
  placedAt: Date;
  /** Product names (unique across the demo) and quantities. */
  lines: { name: string; quantity: number }[];
  fate: OrderFate;
  /** When each later step happens (only those the fate needs). */
  cancelAt?: Date;
  shipAt?: Date;
  deliverAt?: Date;
  returnAt?: Date;
  /** A stable Idempotency-Key for its checkout. */
  key: string;
}

export interface PlannedSession {
  hostEmail: string;
  title: string;
  description: string;
  scheduledAt: Date;
  startAt: Date;
  endAt: Date;
  lineup: string[];
  orders: PlannedOrder[];
}

interface PlanProduct {
  name: string;
  branchCode: string;
  group: string;
  /** One of the base seed's products (with photos): hosts show those first. */
  base: boolean;
}

/** Every product the demo has once grown, with the branch of its producer (only ones put on sale). */
function catalogueProducts(): PlanProduct[] {
  const base = SEED_PRODUCERS.flatMap((p) =>
    p.products
      .filter((x) => x.listing === 'active')
      .map((x) => ({ name: x.name, branchCode: p.branchCode, group: x.group, base: true })),
  );
  const grown = GROWTH_PRODUCERS.flatMap((p) =>
    p.products.map((x) => ({ name: x.name, branchCode: p.branchCode, group: x.group, base: false })),
  );
  return [...base, ...grown];
}

export interface HistoryPlanOptions {
  /** The moment the history ends (the seeding time): nothing is planned after it. */
  now: Date;
  /** Sessions per streamer per week (on average). */
  sessionsPerWeek?: number;
  /** Orders per session, lowest and highest. */
  ordersPerSession?: [number, number];
}

/**
 * The plan. The session slots (week, day, hour) and everything in them come from a seed made of the host and the
 * slot, so a given day always gives the same history. Only steps before `now` are planned: a session of last night
 * has orders still confirmed or shipped, one of six weeks ago has them delivered (settled) or returned.
 */
export function planHistory(options: HistoryPlanOptions): PlannedSession[] {
  const now = options.now;
  const perWeek = options.sessionsPerWeek ?? 1.1;
  const [fewest, most] = options.ordersPerSession ?? [2, 6];
  const products = catalogueProducts();
  const streamers = [...SEED_STREAMERS, ...HISTORY_STREAMERS];
  const buyers = [...SEED_SHOPPERS, ...HISTORY_SHOPPERS].map((s) => s.email);
  // Vietnam midnight of the seeding day.
  const vnOffset = 7 * 60 * MINUTE_MS;
  const today = Math.floor((now.getTime() + vnOffset) / DAY_MS) * DAY_MS - vnOffset;
  const sessions: PlannedSession[] = [];

  streamers.forEach((streamer, streamerIndex) => {
    const prefixes = SHOWS[streamer.branchCode] ?? [streamer.branchCode];
    const near = products.filter((p) => prefixes.some((prefix) => p.branchCode.startsWith(prefix)));
    const pool = near.length >= 8 ? near : products;
    let count = 0;
    for (let week = 0; week < HISTORY_WEEKS; week++) {
      const random = new SeededRandom(hashText(`${streamer.email}:${week}`));
      const slots = Math.floor(perWeek) + (random.chance(perWeek - Math.floor(perWeek)) ? 1 : 0);
      const days = random.sample([0, 1, 2, 3, 4, 5, 6], slots).sort((a, b) => a - b);
      for (const day of days) {
        const daysAgo = HISTORY_WEEKS * 7 - week * 7 - day;
        const weekend = (new Date(today - daysAgo * DAY_MS + vnOffset).getUTCDay() + 6) % 7 >= 5;
        const hour = weekend ? random.pick([9, 15, 20]) : random.pick([19, 20, 21]);
        const startAt = new Date(
          today - daysAgo * DAY_MS + hour * 60 * MINUTE_MS + random.int(0, 3) * 5 * MINUTE_MS,
        );
        const minutes = random.int(45, 110);
        const endAt = new Date(startAt.getTime() + minutes * MINUTE_MS);
        if (endAt.getTime() > now.getTime() - 30 * MINUTE_MS) continue;
        count++;
        // Half the lineup from the products with photos (the demo's known faces), the rest from the grown catalogue.
        const size = random.int(4, 8);
        const known = random.sample(
          pool.filter((p) => p.base),
          Math.ceil(size / 2),
        );
        const lineup = [
          ...known,
          ...random.sample(
            pool.filter((p) => !p.base),
            size - known.length,
          ),
        ];
        const theme = THEMES[(streamerIndex + week + day) % THEMES.length] as string;
        const title = `${theme} · buổi ${count}`;
        const orders: PlannedOrder[] = [];
        const orderCount = random.int(fewest, most);
        for (let o = 0; o < orderCount; o++) {
          const placedAt = new Date(startAt.getTime() + random.int(3, minutes - 2) * MINUTE_MS);
          const chosen = random.sample(lineup, random.chance(0.25) ? 2 : 1);
          const lines = chosen.map((p) => ({
            name: p.name,
            quantity: p.group === 'rural_tourism_services' ? 1 : random.pick([1, 1, 1, 2, 2, 3]),
          }));
          orders.push({
            buyerEmail: random.pick(buyers),
            placedAt,
            lines,
            ...fateOf(random, placedAt, now),
            key: `demo-history-${hashText(`${streamer.email}:${title}:${o}`).toString(36)}-${o}`,
          });
        }
        orders.sort((a, b) => a.placedAt.getTime() - b.placedAt.getTime());
        sessions.push({
          hostEmail: streamer.email,
          title,
          description: `${streamer.fullName} giới thiệu ${lineup
            .slice(0, 3)
            .map((p) => p.name)
            .join(', ')} và nhiều sản phẩm OCOP khác của Hà Nội.`,
          scheduledAt: new Date(startAt.getTime() - random.int(1, 4) * DAY_MS),
          startAt,
          endAt,
          lineup: lineup.map((p) => p.name),
          orders,
        });
      }
    }
  });
  return sessions.sort((a, b) => a.startAt.getTime() - b.startAt.getTime());
}

/** What became of an order: every step lands before `now`, so recent orders are still on their way. */
function fateOf(
  random: SeededRandom,
  placedAt: Date,
  now: Date,
): Pick<PlannedOrder, 'fate' | 'cancelAt' | 'shipAt' | 'deliverAt' | 'returnAt'> {
  const at = (ms: number) => new Date(placedAt.getTime() + ms);
  const before = (d: Date) => d.getTime() < now.getTime() - 5 * MINUTE_MS;
  if (random.chance(0.08)) {
    const cancelAt = at(random.int(5, 240) * MINUTE_MS);
    if (before(cancelAt)) return { fate: 'cancelled', cancelAt };
  }
  const shipAt = at(random.int(14, 30) * 60 * MINUTE_MS);
  if (!before(shipAt)) return { fate: 'confirmed' };
  const deliverAt = new Date(shipAt.getTime() + random.int(30, 80) * 60 * MINUTE_MS);
  if (!before(deliverAt)) return { fate: 'shipped', shipAt };
  if (random.chance(0.05)) {
    const returnAt = new Date(deliverAt.getTime() + random.int(1, 4) * DAY_MS);
    if (before(returnAt)) return { fate: 'returned', shipAt, deliverAt, returnAt };
  }
  return { fate: 'delivered', shipAt, deliverAt };
}
