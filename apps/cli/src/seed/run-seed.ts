import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CatalogueFacade, CatalogueModule, ProductView } from '@ocop/catalogue';
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
import { SEED_BRANCHES, SeedBranchLevel } from './hanoi-branches';
import { SEED_PRODUCERS, SeedProduct } from './hanoi-catalogue';
import { DEMO_PASSWORD, farmerEmail, SEED_ADMINS, SEED_SHOPPERS, SEED_STREAMERS } from './hanoi-users';

@Module({ imports: [PlatformModule.forRoot({ service: 'cli' }), IdentityModule, CatalogueModule] })
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
  private readonly branchIds = new Map<string, string>();
  private readonly created = { branches: 0, users: 0, producers: 0, products: 0 };

  constructor(app: INestApplicationContext) {
    this.users = app.get(UsersService);
    this.tree = app.get(BranchTreeService);
    this.scope = app.get(AdminScopeService);
    this.memberships = app.get(MembershipsService);
    this.catalogue = app.get(CatalogueFacade);
    this.clock = app.get<Clock>(CLOCK);
  }

  async run(): Promise<void> {
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
    }
    for (const shopper of SEED_SHOPPERS) await this.user(shopper.email, shopper.fullName, shopper.phone);

    for (const producer of SEED_PRODUCERS) {
      const farmer = await this.user(farmerEmail(producer.code), producer.ownerName, producer.phone);
      if (await this.catalogue.findProducerOfUser(farmer.id)) continue;
      await this.catalogue.createProducer(farmer.id, {
        kind: producer.kind,
        name: producer.name,
        description: `${producer.name}, ${producer.commune}, Hà Nội.`,
        phone: producer.phone,
        location: { province: 'Hà Nội', commune: producer.commune, street: producer.street },
        branchId: this.branchId(producer.branchCode),
      });
      this.created.producers++;
      for (const product of producer.products) await this.product(farmer.id, cityAdmin.id, product);
    }

    const c = this.created;
    say(
      c.branches + c.users + c.producers + c.products === 0
        ? 'Seed: the Hanoi demo data is already in place; nothing changed.'
        : `Seed: created ${c.branches} branches, ${c.users} users, ${c.producers} producers and ${c.products} products.`,
    );
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

  private async product(farmerId: string, adminId: string, product: SeedProduct): Promise<ProductView> {
    const today = vnToday(this.clock.now());
    const signedOn =
      product.certificateState === 'valid'
        ? addDays(today, -product.signedDaysAgo)
        : addDays(addMonths(today, -36), product.expiresInDays);
    let view = await this.catalogue.createProduct(farmerId, {
      name: product.name,
      description: product.description,
      group: product.group,
      images: [product.imageUrl],
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
    if (product.listing !== 'draft') view = await this.catalogue.submitProduct(farmerId, view.id);
    if (product.listing === 'active') view = await this.catalogue.verifyProduct(adminId, view.id);
    return view;
  }
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
      `  sign in: POST /api/auth/sign-in {"identifier": "<email>", "password": "..."} (see /api/docs)`,
    ].join('\n'),
  );
}
