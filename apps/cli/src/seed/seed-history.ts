import { CatalogueFacade } from '@ocop/catalogue';
import { MembershipsService, UserView } from '@ocop/identity';
import { addDays, DomainError, vnToday } from '@ocop/kernel';
import { SessionsService } from '@ocop/live';
import { CheckoutService, OrderActionsService } from '@ocop/orders';
import { DataSource } from 'typeorm';
import { farmerEmail } from './hanoi-users';
import { GROWTH_PRODUCERS, GrowthProducer } from './hanoi-growth';
import {
  HISTORY_SHOPPERS,
  HISTORY_STREAMERS,
  HISTORY_WEEKS,
  planHistory,
  PlannedOrder,
  PlannedSession,
} from './hanoi-history';
import { SEED_SHOPPERS, SEED_STREAMERS } from './hanoi-users';
import { SeedClock } from './seed-clock';

const DAY_MS = 86_400_000;
/** Hosts played at once. */
const HISTORY_LANES = 4;

/** Hanoi wards (since July 2025) the demo's buyers live in. */
const WARDS = [
  'Phường Hoàn Kiếm',
  'Phường Ba Đình',
  'Phường Cầu Giấy',
  'Phường Đống Đa',
  'Phường Hà Đông',
  'Phường Long Biên',
  'Phường Tây Hồ',
  'Phường Hai Bà Trưng',
  'Phường Thanh Xuân',
  'Xã Bát Tràng',
];
const STREETS = [
  'Số 12 Hàng Bạc',
  'Ngõ 45 Trần Duy Hưng',
  'Số 8 Nguyễn Trãi',
  'Số 27 Lạc Long Quân',
  'Ngõ 3 Kim Mã',
];

/** What the seed passes in: the services, and its own idempotent helpers (users, memberships, branches). */
export interface HistoryDeps {
  clock: SeedClock;
  dataSource: DataSource;
  catalogue: CatalogueFacade;
  memberships: MembershipsService;
  sessions: SessionsService;
  checkouts: CheckoutService;
  orders: OrderActionsService;
  user(email: string, displayName: string, phone: string): Promise<UserView>;
  membership(userId: string, branchId: string): Promise<void>;
  branchId(code: string): string;
  shippingRate(producerId: string, index: number): Promise<void>;
}

export interface HistoryCounts {
  producers: number;
  products: number;
  sessions: number;
  orders: number;
  cancelled: number;
  delivered: number;
  returned: number;
  refused: number;
}

/** A step of an order after its placement, played in time order once every session is in. */
interface Step {
  at: Date;
  orderId: string;
  buyerId: string;
  farmerId: string;
  kind: 'cancel' | 'ship' | 'deliver' | 'return';
  totalVnd: number;
}

/**
 * The demo's past, made through the platform's own services (the ones the api calls) with the seed's clock set to
 * the moment played: the catalogue grown to the 579-product pledge, then eight weeks of sessions (scheduled, on air,
 * ended by their hosts) and cash-on-delivery orders placed in them, some cancelled by their buyers, most shipped and
 * delivered with the cash collected (settled), a few returned. Attribution records them from the outbox, in the
 * worker, at the times the orders carry: the reports are made by attribution's own code, never written here.
 *
 * One narrow, seed-only step follows (`backdate`): columns that the database stamps with its own now() (a session's
 * created_at and updated_at, an order's updated_at, the order's status-change history) are set to the played times,
 * so that the order's timeline reads as it happened. Nothing attribution reads is touched.
 */
export class SeedHistory {
  readonly counts: HistoryCounts = {
    producers: 0,
    products: 0,
    sessions: 0,
    orders: 0,
    cancelled: 0,
    delivered: 0,
    returned: 0,
    refused: 0,
  };

  /** Product id -> its farmer's user id. */
  private readonly farmers = new Map<string, string>();

  constructor(private readonly deps: HistoryDeps) {}

  /** When the history starts: the people it needs were there a few days before its first session. */
  static origin(now: Date): Date {
    return new Date(now.getTime() - (HISTORY_WEEKS * 7 + 4) * DAY_MS);
  }

  /**
   * The catalogue grown to the pledge: new producers, and products every producer lacks, made by name. The new
   * producers go first and need nothing of the base seed but its tree, so this may run beside the base seed's
   * producers (whose pictures keep the CPU busy while this waits on the database); the base producers' extra
   * products wait for `baseProducers`.
   */
  async grow(adminId: string, baseProducers: Promise<unknown>): Promise<void> {
    const rows = (await this.deps.dataSource.query(`SELECT name FROM products`)) as { name: string }[];
    const present = new Set(rows.map((r) => r.name));
    const work = GROWTH_PRODUCERS.filter((p) => p.products.some((x) => !present.has(x.name)));
    const inLanes = async (producers: GrowthProducer[]) => {
      // Producers are independent of each other: a few at a time (the clock is the system's here).
      const lanes = 3;
      await Promise.all(
        Array.from({ length: lanes }, async (_, lane) => {
          for (let i = lane; i < producers.length; i += lanes)
            await this.growProducer(producers[i] as GrowthProducer, adminId, present);
        }),
      );
    };
    await inLanes(work.filter((p) => !p.existing));
    await baseProducers;
    await inLanes(work.filter((p) => p.existing));
  }

  private async growProducer(spec: GrowthProducer, adminId: string, present: Set<string>): Promise<void> {
    const farmer = await this.deps.user(farmerEmail(spec.code), spec.ownerName, spec.phone);
    let producer = await this.deps.catalogue.findProducerOfUser(farmer.id);
    if (!producer) {
      if (spec.existing) return; // the base seed makes it; a farmer who left is not brought back here
      producer = await this.deps.catalogue.createProducer(farmer.id, {
        kind: spec.kind,
        name: spec.name,
        description: `${spec.name}, ${spec.commune}, Hà Nội.`,
        phone: spec.phone,
        location: { province: 'Hà Nội', commune: spec.commune, street: spec.street },
        branchId: this.deps.branchId(spec.branchCode),
      });
      this.counts.producers++;
      await this.deps.shippingRate(producer.id, GROWTH_PRODUCERS.indexOf(spec));
    }
    const today = vnToday(this.deps.clock.now());
    for (const product of spec.products) {
      if (present.has(product.name)) continue;
      const view = await this.deps.catalogue.createProduct(farmer.id, {
        name: product.name,
        description: product.description,
        group: product.group,
        priceVnd: product.priceVnd,
        stock: product.stock,
        certificate: {
          stars: product.stars,
          decisionNumber: product.decisionNumber,
          issuingBody: product.issuingBody,
          signedOn: addDays(today, -product.signedDaysAgo),
        },
      });
      await this.deps.catalogue.submitProduct(farmer.id, view.id);
      await this.deps.catalogue.verifyProduct(adminId, view.id);
      present.add(product.name);
      this.counts.products++;
    }
  }

  /**
   * The people the past needs, as of its origin: the history's streamers (members of their branches since then) and
   * buyers. Call with the clock at the origin.
   */
  async people(): Promise<void> {
    for (const streamer of HISTORY_STREAMERS) {
      const user = await this.deps.user(streamer.email, streamer.fullName, streamer.phone);
      await this.deps.membership(user.id, this.deps.branchId(streamer.branchCode));
    }
    await Promise.all(HISTORY_SHOPPERS.map((s) => this.deps.user(s.email, s.fullName, s.phone)));
  }

  /**
   * The eight weeks. Made once per database: when any planned session is already there (same host, same title), the
   * past is in place and nothing is added.
   */
  async past(now: Date): Promise<'made' | 'present'> {
    const plan = planHistory({ now });
    const people = new Map<string, UserView>();
    for (const p of [...SEED_STREAMERS, ...HISTORY_STREAMERS, ...SEED_SHOPPERS, ...HISTORY_SHOPPERS])
      people.set(p.email, await this.deps.user(p.email, p.fullName, p.phone));
    const existing = (await this.deps.dataSource.query(
      `SELECT host_user_id, title FROM live_sessions WHERE host_user_id = ANY($1::uuid[])`,
      [[...people.values()].map((u) => u.id)],
    )) as { host_user_id: string; title: string }[];
    const taken = new Set(existing.map((r) => `${r.host_user_id}\n${r.title}`));
    if (plan.some((s) => taken.has(`${people.get(s.hostEmail)?.id}\n${s.title}`))) return 'present';

    const products = new Map<string, { id: string; farmerId: string }>();
    for (const row of (await this.deps.dataSource.query(
      `SELECT p.id, p.name, pr.owner_user_id FROM products p JOIN producers pr ON pr.id = p.producer_id`,
    )) as { id: string; name: string; owner_user_id: string }[]) {
      products.set(row.name, { id: row.id, farmerId: row.owner_user_id });
      this.farmers.set(row.id, row.owner_user_id);
    }

    const played: { sessionId: string; scheduledAt: Date; endAt: Date }[] = [];
    const history: { orderId: string; status: string; at: Date }[] = [];
    // A few hosts at a time, each lane with its own clock: a host's sessions, then its orders' later steps, in time
    // order (an order's steps only ever follow each other).
    const hosts = [...new Set(plan.map((s) => s.hostEmail))];
    await Promise.all(
      Array.from({ length: HISTORY_LANES }, (_, lane) =>
        this.deps.clock.lane(async () => {
          const steps: Step[] = [];
          // Parcels shipped and delivered before the next session, as the days pass: a buyer's open cash-on-delivery
          // value stays what it was then (the COD cap applies to the past as it does today).
          const until = async (moment: Date) => {
            steps.sort((a, b) => a.at.getTime() - b.at.getTime());
            while (steps.length > 0 && steps[0]!.at.getTime() <= moment.getTime()) {
              await this.step(steps.shift()!, history);
            }
          };
          for (const session of plan) {
            if (hosts.indexOf(session.hostEmail) % HISTORY_LANES !== lane) continue;
            await until(session.startAt);
            const made = await this.session(session, people, products, steps, history);
            if (made)
              played.push({ sessionId: made, scheduledAt: session.scheduledAt, endAt: session.endAt });
          }
          await until(new Date(8.64e15));
        }),
      ),
    );
    await this.backdate(played, history);
    return 'made';
  }

  private async session(
    spec: PlannedSession,
    people: Map<string, UserView>,
    products: Map<string, { id: string; farmerId: string }>,
    steps: Step[],
    history: { orderId: string; status: string; at: Date }[],
  ): Promise<string | null> {
    const host = people.get(spec.hostEmail) as UserView;
    const clock = this.deps.clock;
    // A host who was not a member yet then (a database seeded before the history existed) has no past.
    if (!(await this.deps.memberships.membershipAt(host.id, spec.scheduledAt))) return null;
    const lineup = spec.lineup.flatMap((name) => products.get(name)?.id ?? []);
    if (lineup.length === 0) return null;
    clock.set(spec.scheduledAt);
    const scheduled = await this.deps.sessions.schedule(host.id, {
      title: spec.title,
      description: spec.description,
      scheduledStartAt: spec.startAt.toISOString(),
      lineup,
    });
    clock.set(spec.startAt);
    await this.deps.sessions.goLive(host.id, scheduled.id);
    this.counts.sessions++;
    for (const order of spec.orders) await this.place(order, scheduled.id, people, products, steps, history);
    clock.set(spec.endAt);
    await this.deps.sessions.end(host.id, scheduled.id);
    return scheduled.id;
  }

  private async place(
    spec: PlannedOrder,
    sessionId: string,
    people: Map<string, UserView>,
    products: Map<string, { id: string; farmerId: string }>,
    steps: Step[],
    history: { orderId: string; status: string; at: Date }[],
  ): Promise<void> {
    const buyer = people.get(spec.buyerEmail) as UserView;
    const lines = spec.lines.flatMap((l) => {
      const product = products.get(l.name);
      return product ? [{ productId: product.id, quantity: l.quantity }] : [];
    });
    if (lines.length === 0) return;
    this.deps.clock.set(spec.placedAt);
    const n = Number.parseInt(spec.key.slice(-1), 36) || 0;
    let result;
    try {
      result = await this.deps.checkouts.checkout(buyer.id, spec.key, {
        sessionId,
        paymentMethod: 'cod',
        lines,
        address: {
          recipientName: buyer.displayName,
          phone: buyer.phone ?? '0912345678',
          province: 'ha-noi',
          ward: WARDS[(buyer.displayName.length + n) % WARDS.length],
          street: STREETS[buyer.displayName.length % STREETS.length],
        },
      });
    } catch (error) {
      // Sold out since (a small stock), or over the buyer's open COD limit: the buyer missed it, as buyers do.
      if (error instanceof DomainError && error.kind !== 'unavailable') {
        this.counts.refused++;
        return;
      }
      throw error;
    }
    for (const order of result.orders) {
      this.counts.orders++;
      history.push({ orderId: order.id, status: order.status, at: spec.placedAt });
      const farmerId = this.farmers.get(order.lines[0]?.productId ?? '');
      if (!farmerId) continue;
      const base = { orderId: order.id, buyerId: buyer.id, farmerId, totalVnd: Number(order.totalVnd) };
      if (spec.fate === 'cancelled' && spec.cancelAt)
        steps.push({ ...base, at: spec.cancelAt, kind: 'cancel' });
      if (spec.shipAt) steps.push({ ...base, at: spec.shipAt, kind: 'ship' });
      if (spec.deliverAt) steps.push({ ...base, at: spec.deliverAt, kind: 'deliver' });
      if (spec.returnAt) steps.push({ ...base, at: spec.returnAt, kind: 'return' });
    }
  }

  private async step(step: Step, history: { orderId: string; status: string; at: Date }[]): Promise<void> {
    this.deps.clock.set(step.at);
    const orders = this.deps.orders;
    const view =
      step.kind === 'cancel'
        ? await orders.cancelByShopper(step.buyerId, step.orderId)
        : step.kind === 'deliver'
          ? await orders.deliver(step.farmerId, step.orderId, step.totalVnd)
          : await orders.byFarmer(step.farmerId, step.orderId, step.kind);
    history.push({ orderId: step.orderId, status: view.status, at: step.at });
    if (step.kind === 'cancel') this.counts.cancelled++;
    if (step.kind === 'deliver') this.counts.delivered++;
    if (step.kind === 'return') this.counts.returned++;
  }

  /**
   * The seed-only step: what the database stamped with its own now() gets the played time. Sessions: created when
   * scheduled, last updated when ended. Orders: each status change at the time it was played, and updated_at at the
   * last one. Attribution's records and ledger are not touched (they carry the orders' own times already).
   */
  private async backdate(
    sessions: { sessionId: string; scheduledAt: Date; endAt: Date }[],
    changes: { orderId: string; status: string; at: Date }[],
  ): Promise<void> {
    const db = this.deps.dataSource;
    if (sessions.length > 0) {
      await db.query(
        `UPDATE live_sessions s SET created_at = v.created_at, updated_at = v.updated_at
           FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[]) AS v(id, created_at, updated_at)
          WHERE s.id = v.id`,
        [sessions.map((s) => s.sessionId), sessions.map((s) => s.scheduledAt), sessions.map((s) => s.endAt)],
      );
    }
    if (changes.length > 0) {
      const ids = changes.map((c) => c.orderId);
      const statuses = changes.map((c) => c.status);
      const times = changes.map((c) => c.at);
      await db.query(
        `UPDATE order_status_changes c SET created_at = v.at
           FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS v(order_id, status, at)
          WHERE c.order_id = v.order_id AND c.to_status = v.status`,
        [ids, statuses, times],
      );
      await db.query(
        `UPDATE orders o SET updated_at = v.at
           FROM (SELECT order_id, max(at) AS at FROM unnest($1::uuid[], $2::timestamptz[]) AS u(order_id, at)
                  GROUP BY order_id) v
          WHERE o.id = v.order_id`,
        [ids, times],
      );
    }
  }
}
