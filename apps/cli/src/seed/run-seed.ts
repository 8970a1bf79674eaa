import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AssetsService } from '@ocop/assets';
import {
  CatalogueFacade,
  CatalogueModule,
  ProductMediaService,
  ProductsService,
  ProductView,
} from '@ocop/catalogue';
import { PlatformModule } from '@ocop/http';
import {
  AdminScopeService,
  BranchSummary,
  BranchTreeService,
  IdentityModule,
  MembershipsService,
  SYSTEM,
  UsersService,
  UserView,
} from '@ocop/identity';
import { addDays, addMonths, CLOCK, Clock, vnToday } from '@ocop/kernel';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import {
  LiveModule,
  PinsService,
  SessionsService,
  SessionView,
  StaffService,
  StreamIngestService,
} from '@ocop/live';
import { CheckoutService, OrderActionsService, OrdersModule, validateShippingRate } from '@ocop/orders';
import { RealtimeModule } from '@ocop/realtime';
import { DataSource } from 'typeorm';
import { SEED_BRANCHES, SeedBranchLevel } from './hanoi-branches';
import { SEED_PRODUCERS, SEED_PRODUCTS, SeedProducer, SeedProduct } from './hanoi-catalogue';
import { SEED_SESSIONS, SeedSession } from './hanoi-sessions';
import { DEMO_PASSWORD, farmerEmail, SEED_ADMINS, SEED_SHOPPERS, SEED_STREAMERS } from './hanoi-users';
import { sessionCover } from './pictures/render';
import { SeedMedia } from './seed-media';
import { seedCityCampaign } from './seed-campaign';
import { CampaignsModule } from '@ocop/campaigns';
import { SeedClock } from './seed-clock';
import { SeedHistory } from './seed-history';
import { historyWanted } from './hanoi-history';

/** The clock every service of the seed reads: the system's, except while the demo's past is played. */
const seedClock = new SeedClock();

@Module({
  imports: [
    PlatformModule.forRoot({ service: 'cli', clock: seedClock }),
    RealtimeModule,
    IdentityModule,
    CatalogueModule,
    LiveModule,
    CampaignsModule,
    OrdersModule,
  ],
})
class SeedModule {}

const BRANCH_TYPE: Record<SeedBranchLevel, 'city_union' | 'district_union' | 'grassroots_union' | 'cell'> = {
  city: 'city_union',
  district: 'district_union',
  grassroots: 'grassroots_union',
  cell: 'cell',
};

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/**
 * Loads the Hanoi demo through the contexts' own services (the same rules as the HTTP routes). Idempotent: every
 * branch is looked up by code and every user by email before it is created, a membership or admin assignment
 * already in place is kept, and a producer that exists keeps its products as they are.
 */
export async function runSeed(): Promise<void> {
  const app = await NestFactory.createApplicationContext(SeedModule, { logger: ['error', 'warn'] });
  try {
    const seeder = new Seeder(app);
    await seeder.run();
    printSignIns();
    printLiveSession(seeder.liveSession, seeder.liveHostEmail);
  } finally {
    await app.close();
  }
}

class Seeder {
  private readonly users: UsersService;
  private readonly tree: BranchTreeService;
  private readonly scope: AdminScopeService;
  private readonly memberships: MembershipsService;
  private readonly catalogue: CatalogueFacade;
  private readonly clock: Clock;
  private readonly history: SeedHistory | null;
  private readonly sessions: SessionsService;
  private readonly staff: StaffService;
  private readonly pins: PinsService;
  private readonly ingest: StreamIngestService;
  private readonly config: AppConfig;
  private readonly products: ProductsService;
  private readonly media: SeedMedia;
  private readonly dataSource: DataSource;
  private readonly branchIds = new Map<string, string>();
  /** Streamers by email, and product ids by seed code (P01-01), filled as the run goes. */
  private readonly streamerIds = new Map<string, string>();
  private readonly productIds = new Map<string, string>();
  private readonly created = { branches: 0, users: 0, producers: 0, products: 0, sessions: 0 };
  /** The session on air after the run, and its host's sign-in, for the seed's output. */
  liveSession: SessionView | null = null;
  liveHostEmail: string | null = null;

  constructor(private readonly app: INestApplicationContext) {
    this.users = app.get(UsersService);
    this.tree = app.get(BranchTreeService);
    this.scope = app.get(AdminScopeService);
    this.memberships = app.get(MembershipsService);
    this.catalogue = app.get(CatalogueFacade);
    this.dataSource = app.get(DataSource);
    this.clock = app.get<Clock>(CLOCK);
    this.sessions = app.get(SessionsService);
    this.staff = app.get(StaffService);
    this.pins = app.get(PinsService);
    this.ingest = app.get(StreamIngestService);
    this.config = app.get<AppConfig>(APP_CONFIG);
    this.products = app.get(ProductsService);
    this.media = new SeedMedia(app.get(AssetsService), app.get(ProductMediaService));
    this.history = historyWanted()
      ? new SeedHistory({
          clock: seedClock,
          dataSource: this.dataSource,
          catalogue: this.catalogue,
          memberships: this.memberships,
          sessions: this.sessions,
          checkouts: app.get(CheckoutService),
          orders: app.get(OrderActionsService),
          user: (email, name, phone) => this.user(email, name, phone),
          membership: (userId, branchId) => this.membership(userId, branchId),
          branchId: (code) => this.branchId(code),
          shippingRate: (producerId, index) => this.shippingRate(producerId, SEED_PRODUCERS.length + index),
        })
      : null;
  }

  async run(): Promise<void> {
    const started = Date.now();
    const now = this.clock.now();
    // With a past to play, the tree and its people exist since before it (what an earlier run made keeps its time).
    if (this.history) seedClock.set(SeedHistory.origin(now));
    for (const branch of SEED_BRANCHES)
      await this.branch(branch.code, branch.name, branch.level, branch.parentCode);

    const admins: UserView[] = [];
    for (const admin of SEED_ADMINS) {
      const user = await this.user(admin.email, admin.fullName, admin.phone);
      await this.scope.assignAdmin(SYSTEM, user.id, this.branchId(admin.branchCode));
      admins.push(user);
    }
    const cityAdmin = admins[0] as UserView;

    for (const streamer of SEED_STREAMERS) {
      const user = await this.user(streamer.email, streamer.fullName, streamer.phone);
      await this.membership(user.id, this.branchId(streamer.branchCode));
      this.streamerIds.set(streamer.email, user.id);
    }
    for (const shopper of SEED_SHOPPERS) await this.user(shopper.email, shopper.fullName, shopper.phone);
    if (this.history) await this.history.people();
    seedClock.release();

    // The grown catalogue's new producers are made while the base producers' pictures are processed.
    let baseProducersDone: () => void = () => undefined;
    const baseProducers = new Promise<void>((resolve) => (baseProducersDone = resolve));
    const growing = Date.now();
    const grown = this.history?.grow(cityAdmin.id, baseProducers);
    // Not awaited until the base producers are in: a failure is caught there, not left unhandled meanwhile.
    grown?.catch(() => undefined);

    for (const producer of SEED_PRODUCERS) {
      const farmer = await this.user(farmerEmail(producer.code), producer.ownerName, producer.phone);
      const existing = await this.catalogue.findProducerOfUser(farmer.id);
      await this.shippingRate(existing?.id, SEED_PRODUCERS.indexOf(producer));
      if (existing) {
        await this.media.logo(farmer.id, existing, producer);
        await this.rememberProducts(farmer.id, producer);
        continue;
      }
      const created = await this.catalogue.createProducer(farmer.id, {
        kind: producer.kind,
        name: producer.name,
        description: `${producer.name}, ${producer.commune}, Hà Nội.`,
        phone: producer.phone,
        location: { province: 'Hà Nội', commune: producer.commune, street: producer.street },
        branchId: this.branchId(producer.branchCode),
      });
      this.created.producers++;
      await this.shippingRate(created.id, SEED_PRODUCERS.indexOf(producer));
      await this.media.logo(farmer.id, created, producer);
      for (const product of producer.products) {
        const view = await this.product(farmer.id, cityAdmin.id, product, producer);
        this.productIds.set(product.code, view.id);
      }
    }

    baseProducersDone();
    await grown;
    const grownIn = Date.now() - growing;

    for (const session of SEED_SESSIONS) await this.session(session);

    if (this.history) await this.past(now, started, grownIn);
    const campaign = await seedCityCampaign(this.app, cityAdmin.id);
    say(`Seed: the city's campaign "579 sản phẩm OCOP" covers ${campaign.products} products.`);

    const c = this.created;
    say(
      c.branches + c.users + c.producers + c.products + c.sessions === 0
        ? 'Seed: the Hanoi demo data is already in place; nothing changed.'
        : `Seed: created ${c.branches} branches, ${c.users} users, ${c.producers} producers, ${c.products} products and ${c.sessions} sessions.`,
    );
    say(
      this.media.ingested === 0
        ? 'Seed: every product, producer and session already has its pictures.'
        : `Seed: ${this.media.ingested} pictures drawn offline and processed (photos, logos, certificate scans, covers).`,
    );
  }

  /** The eight weeks before `now`, after the grown catalogue; says what was made and how long it took. */
  private async past(now: Date, started: number, grownIn: number): Promise<void> {
    const history = this.history as SeedHistory;
    const playing = Date.now();
    const outcome = await history.past(now);
    const h = history.counts;
    say(
      `Seed: catalogue grown by ${h.producers} producers and ${h.products} products (${(grownIn / 1000).toFixed(1)} s, beside the base producers and their pictures).`,
    );
    say(
      outcome === 'present'
        ? 'Seed: the eight weeks of history are already in place; nothing added.'
        : `Seed: eight weeks of history: ${h.sessions} past sessions, ${h.orders} orders (${h.delivered} delivered and settled, ${h.cancelled} cancelled, ${h.returned} returned, ${h.refused} refused: sold out or over the buyer's COD limit) in ${((Date.now() - playing) / 1000).toFixed(1)} s; attribution records them from the outbox once the worker runs (seed ${((Date.now() - started) / 1000).toFixed(1)} s).`,
    );
  }

  /**
   * Each producer's shipping fee, as farmers set them (a farmer who changed theirs keeps it): a flat 30.000 ₫ free
   * from 500.000 ₫, free shipping, or a flat 25.000 ₫, in turn, so the demo's cart shows each rule.
   */
  private async shippingRate(producerId: string | undefined, index: number): Promise<void> {
    if (!producerId) return;
    const rates = [
      { flatFeeVnd: 30_000, freeFromVnd: 500_000 },
      { flatFeeVnd: 0, freeFromVnd: null },
      { flatFeeVnd: 25_000, freeFromVnd: null },
    ];
    const rate = validateShippingRate(rates[index % rates.length] as (typeof rates)[number]);
    await this.dataSource.query(
      `INSERT INTO producer_shipping_rates (producer_id, flat_fee_vnd, free_from_vnd) VALUES ($1, $2, $3)
       ON CONFLICT (producer_id) DO NOTHING`,
      [producerId, rate.flatFeeVnd, rate.freeFromVnd],
    );
  }

  /**
   * A session of the demo, unless its host already has one with that title (cancelled ones do not count). The live
   * one is scheduled two minutes ahead (a start must be in the future), taken on air at once, then gets its
   * moderators and pins; a rerun leaves an existing session as it is (pins moved by hand stay moved). The live one of
   * an earlier run whose stream has been gone past the grace period (the demo was stopped) ends now, as the media
   * app would end it, and stays as a replay; a fresh one goes on air in its place, so every run has a live show.
   */
  private async session(spec: SeedSession): Promise<void> {
    const hostId = this.streamerIds.get(spec.hostEmail);
    if (!hostId) throw new Error(`seed data: unknown streamer ${spec.hostEmail}`);
    let session = await this.findSession(hostId, spec.title, spec.state === 'live');
    if (session && spec.state === 'live' && session.status === 'live') {
      const graceMs = this.config.MEDIA_STREAM_GRACE_SECONDS * 1000;
      if (await this.ingest.endIfStillGone(session.id, graceMs)) session = null;
    }
    const fresh = !session;
    if (!session) {
      const now = this.clock.now();
      const startAt =
        spec.state === 'live'
          ? new Date(now.getTime() + 2 * 60_000).toISOString()
          : `${addDays(vnToday(now), spec.startsInDays)}T20:00:00+07:00`;
      session = await this.sessions.schedule(hostId, {
        title: spec.title,
        description: spec.description,
        scheduledStartAt: startAt,
        lineup: spec.lineup.map((code) => this.productId(code)),
        coverAssetId: await this.media.cover(hostId, await this.coverOf(spec)),
      });
      this.created.sessions++;
    }
    if (spec.state !== 'live') return;
    if (session.status === 'scheduled') session = await this.sessions.goLive(hostId, session.id);
    if (fresh) {
      for (const email of spec.moderatorEmails) {
        const moderatorId = this.streamerIds.get(email);
        if (!moderatorId) throw new Error(`seed data: unknown streamer ${email}`);
        await this.staff.appoint(hostId, session.id, moderatorId, 'moderator');
      }
      for (const code of spec.pinned) await this.pins.pin(hostId, session.id, this.productId(code));
    }
    if (session.status === 'live') {
      this.liveSession = session;
      this.liveHostEmail = spec.hostEmail;
    }
  }

  private coverOf(spec: SeedSession) {
    const lineup = spec.lineup.flatMap((code) => SEED_PRODUCTS.filter((p) => p.code === code));
    return sessionCover(lineup, SEED_SESSIONS.indexOf(spec));
  }

  /** The host's session with this title; for the live one, only one still to come or on air (not a replay). */
  private async findSession(hostId: string, title: string, open: boolean): Promise<SessionView | null> {
    const pageSize = 100;
    for (let page = 1; ; page++) {
      const { items, total } = await this.sessions.list({ page, pageSize });
      const found = items.find(
        (s) =>
          s.hostUserId === hostId &&
          s.title === title &&
          (!open || s.status === 'scheduled' || s.status === 'live'),
      );
      if (found) return found;
      if (page * pageSize >= total || items.length === 0) return null;
    }
  }

  /**
   * Product ids of a producer seeded by an earlier run, matched by name (unique across the seed data); a product
   * seeded before the demo had pictures gets them now.
   */
  private async rememberProducts(farmerId: string, producer: SeedProducer): Promise<void> {
    const { items } = await this.products.listMine(farmerId, { page: 1, pageSize: 100 });
    for (const product of producer.products) {
      const view = items.find((p) => p.name === product.name);
      if (!view) continue;
      this.productIds.set(product.code, view.id);
      await this.media.product(farmerId, view, product, producer);
    }
  }

  private productId(code: string): string {
    const id = this.productIds.get(code);
    if (!id) throw new Error(`seed data: product ${code} was not found`);
    return id;
  }

  private branchId(code: string): string {
    const id = this.branchIds.get(code);
    if (!id) throw new Error(`seed data: unknown branch code ${code}`);
    return id;
  }

  private async branch(
    code: string,
    name: string,
    level: SeedBranchLevel,
    parentCode?: string,
  ): Promise<BranchSummary> {
    let branch = await this.tree.findBranchByCode(code);
    if (!branch) {
      branch = parentCode
        ? await this.tree.createBranch(SYSTEM, {
            code,
            name,
            type: BRANCH_TYPE[level],
            parentId: this.branchId(parentCode),
          })
        : await this.tree.createRootBranch({ code, name });
      this.created.branches++;
    }
    this.branchIds.set(code, branch.id);
    return branch;
  }

  private async user(email: string, displayName: string, phone: string): Promise<UserView> {
    const existing = await this.users.findForSignIn({ kind: 'email', value: email });
    if (existing) {
      const { passwordHash: _hash, ...view } = existing;
      return view;
    }
    this.created.users++;
    return this.users.createUser({ email, phone, password: DEMO_PASSWORD, displayName });
  }

  private async membership(userId: string, branchId: string): Promise<void> {
    const current = await this.memberships.currentMembership(userId);
    if (current) return;
    const pending = (await this.memberships.myMemberships(userId)).find((m) => m.status === 'pending');
    const application = pending ?? (await this.memberships.applyForMembership(userId, branchId));
    await this.memberships.approveMembership(SYSTEM, application.id);
  }

  private async product(
    farmerId: string,
    adminId: string,
    product: SeedProduct,
    producer: SeedProducer,
  ): Promise<ProductView> {
    const today = vnToday(this.clock.now());
    const signedOn =
      product.certificateState === 'valid'
        ? addDays(today, -product.signedDaysAgo)
        : addDays(addMonths(today, -36), product.expiresInDays);
    let view = await this.catalogue.createProduct(farmerId, {
      name: product.name,
      description: product.description,
      group: product.group,
      priceVnd: product.priceVnd,
      stock: product.stock,
      certificate: {
        stars: product.stars,
        decisionNumber: product.decisionNumber,
        issuingBody: product.issuingBody,
        signedOn,
      },
    });
    this.created.products++;
    await this.media.product(farmerId, view, product, producer);
    if (product.listing !== 'draft') view = await this.catalogue.submitProduct(farmerId, view.id);
    if (product.listing === 'active') view = await this.catalogue.verifyProduct(adminId, view.id);
    return view;
  }
}

function printLiveSession(session: SessionView | null, hostEmail: string | null): void {
  if (!session) return;
  say(
    [
      `Live now: "${session.title}" (host ${session.hostName})`,
      `  session id: ${session.id}`,
      `  host:       ${hostEmail ?? ''}`,
      `  watch it:   npm run room   (as a shopper: npm run room -- --as ${SEED_SHOPPERS[0]?.email})`,
    ].join('\n'),
  );
}

function printSignIns(): void {
  const streamer = SEED_STREAMERS[0];
  say(
    [
      `Demo sign-ins (password for every account: ${DEMO_PASSWORD})`,
      `  city admin (Thành đoàn Hà Nội):  ${SEED_ADMINS[0]?.email}`,
      `  district admins:                 ${SEED_ADMINS.slice(1)
        .map((a) => a.email)
        .join(', ')}`,
      `  streamers:                       ${streamer?.email} and ${SEED_STREAMERS.length - 1} more (streamer.<place>@ocop.example)`,
      `  farmers (one per producer):      ${farmerEmail('P01')} ... ${farmerEmail(`P${SEED_PRODUCERS.length}`)}`,
      `  shoppers:                        ${SEED_SHOPPERS.map((s) => s.email).join(', ')}`,
      `  sign in on the web app (the URL below), or POST /api/auth/sign-in {"identifier": "<email>", "password": "..."}`,
    ].join('\n'),
  );
}
