import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK, isUuid, vnToday } from '@ocop/kernel';
import {
  atRiskFrom,
  CampaignError,
  daysOf,
  isAtRiskState,
  isAtRiskWindow,
  PRODUCT_STATES,
  ProductState,
  productState,
  targetLine,
} from '../domain';
import { CampaignsRepository } from '../infrastructure/campaigns.repository';
import {
  BranchCoverageRow,
  CoverageRepository,
  CoverageScope,
  FactsGroup,
  ProductFactsRow,
} from '../infrastructure/coverage.repository';
import { CampaignAccess, CampaignAccessResolver } from './campaign-access';
import {
  BranchCoverageView,
  CampaignProductView,
  CampaignReportView,
  CoverageByKey,
  CoverageView,
  Figures,
  ProgressSeries,
  ProgressView,
  VolunteerView,
} from './views';

export interface ScopeQuery {
  /** A branch of the caller's part of the campaign (default: the whole of it). */
  branchId?: string;
  from?: string;
  to?: string;
}

const zero = (): Figures => ({
  products: 0,
  notAssigned: 0,
  assigned: 0,
  scheduled: 0,
  streamed: 0,
  sold: 0,
  units: 0,
  gmvVnd: 0,
  settledGmvVnd: 0,
});

const STATE_FIELD: Record<ProductState, keyof Figures> = {
  not_assigned: 'notAssigned',
  assigned: 'assigned',
  scheduled: 'scheduled',
  streamed: 'streamed',
  sold: 'sold',
};

function add(f: Figures, g: FactsGroup): void {
  const state = productState({
    assigned: g.assigned,
    scheduled: g.scheduled,
    streamed: g.streamed,
    soldUnits: g.sold ? 1 : 0,
  });
  f.products += g.products;
  f[STATE_FIELD[state]] += g.products;
  f.units += g.units;
  f.gmvVnd += g.gmvVnd;
  f.settledGmvVnd += g.settledGmvVnd;
}

function byKey(groups: FactsGroup[], key: (g: FactsGroup) => string): CoverageByKey[] {
  const map = new Map<string, Figures>();
  for (const g of groups) {
    const k = key(g);
    const f = map.get(k) ?? zero();
    add(f, g);
    map.set(k, f);
  }
  return [...map.entries()]
    .map(([k, f]) => ({ key: k, ...f }))
    .sort((a, b) => b.products - a.products || a.key.localeCompare(b.key));
}

function branchView(r: BranchCoverageRow, scopeId: string): BranchCoverageView {
  const { parentId: _parent, ...rest } = r;
  void _parent;
  return { ...rest, isScope: r.branchId === scopeId };
}

/** Coverage, products, progress, volunteers and the report of a campaign, within the caller's part of it. */
@Injectable()
export class CoverageService {
  constructor(
    private readonly access: CampaignAccessResolver,
    private readonly coverage: CoverageRepository,
    private readonly campaigns: CampaignsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The coverage dashboard. `read`: 'auto' reads the roll-up when it serves the period asked; 'live' always reads
   * sessions and sales (what the roll-up must equal; for checks and operators).
   */
  async dashboard(
    userId: string,
    campaignId: string,
    query: ScopeQuery = {},
    read: 'auto' | 'live' = 'auto',
  ): Promise<CoverageView> {
    const { access, scope } = await this.scope(userId, campaignId, query);
    const now = this.clock.now();
    const today = vnToday(now);
    const c = access.campaign;
    const [facts, branches] =
      (read === 'auto' && scope.from === c.startsOn && scope.to === c.endsOn
        ? await this.rolledUp(scope, now)
        : null) ?? (await this.live(scope, now));
    const totals = zero();
    for (const g of facts.groups) add(totals, g);
    return {
      campaignId,
      branchId: scope.branchId,
      from: scope.from,
      to: scope.to,
      today,
      atRiskFrom: atRiskFrom(c.endsOn, c.atRiskDays),
      atRiskNow: isAtRiskWindow(today, c) ? totals.notAssigned + totals.assigned : 0,
      totals,
      farmersReached: facts.farmersReached,
      byBranch: branches.map((b) => branchView(b, scope.branchId)),
      byGroup: byKey(facts.groups, (g) => g.group),
      byProvince: byKey(facts.groups, (g) => g.province),
      at: now.toISOString(),
    };
  }

  async products(
    userId: string,
    campaignId: string,
    query: ScopeQuery & { state?: ProductState; atRisk?: boolean; page: number; pageSize: number },
  ): Promise<{ items: CampaignProductView[]; page: number; pageSize: number; total: number }> {
    const { access, scope } = await this.scope(userId, campaignId, query);
    const today = vnToday(this.clock.now());
    const inWindow = isAtRiskWindow(today, access.campaign);
    let items = (await this.coverage.productFacts(scope)).map((r) => this.productView(r, inWindow));
    if (query.state) items = items.filter((i) => i.state === query.state);
    if (query.atRisk) items = items.filter((i) => i.atRisk);
    const start = (query.page - 1) * query.pageSize;
    return {
      items: items.slice(start, start + query.pageSize),
      page: query.page,
      pageSize: query.pageSize,
      total: items.length,
    };
  }

  /** A streamer's pool: the campaign's products nobody holds, their branch's unassigned to a streamer, and theirs. */
  async pool(userId: string, campaignId: string): Promise<CampaignProductView[]> {
    const access = await this.access.streamer(campaignId, userId);
    const c = access.campaign;
    const ids = (await this.campaigns.dataSource.query(
      `SELECT product_id FROM campaign_products
        WHERE campaign_id = $1 AND (branch_id IS NULL OR (branch_id = $2 AND (streamer_user_id IS NULL OR streamer_user_id = $3)))`,
      [campaignId, access.memberBranchId, userId],
    )) as { product_id: string }[];
    if (ids.length === 0) return [];
    const scope: CoverageScope = {
      campaignId,
      branchId: c.branchId,
      from: c.startsOn,
      to: c.endsOn,
      whole: true,
    };
    const inWindow = isAtRiskWindow(vnToday(this.clock.now()), c);
    return (await this.coverage.productFacts(scope, { productIds: ids.map((r) => r.product_id) })).map((r) =>
      this.productView(r, inWindow),
    );
  }

  async progress(
    userId: string,
    campaignId: string,
    query: ScopeQuery & { by?: 'total' | 'branch' | 'group' },
  ): Promise<ProgressView> {
    const { scope } = await this.scope(userId, campaignId, query);
    const by = query.by ?? 'total';
    const shown = await this.coverage.shownBranches(scope.branchId);
    const [rows, branches, perGroup] = await Promise.all([
      this.coverage.progressRows(scope, by, shown),
      by === 'branch' ? this.coverage.branchCoverage(scope, shown, this.clock.now()) : Promise.resolve([]),
      this.coverage.productsPerGroup(scope),
    ]);
    const period = { startsOn: scope.from, endsOn: scope.to };
    const days = daysOf(period);
    const keys =
      by === 'total'
        ? [{ key: 'total', label: 'total', target: [...perGroup.values()].reduce((a, b) => a + b, 0) }]
        : by === 'group'
          ? [...perGroup.entries()].map(([k, v]) => ({ key: k, label: k, target: v }))
          : branches
              .filter((b) => b.branchId !== scope.branchId)
              .map((b) => ({
                key: b.branchId,
                label: b.name,
                target: b.target?.products ?? b.assignedProducts,
              }));
    const series: ProgressSeries[] = keys.map(({ key, label, target }) => {
      const firsts = rows.firsts.filter((f) => f.key === key);
      const gmv = rows.gmv.filter((g) => g.key === key);
      let cumulativeGmv = 0;
      return {
        key,
        label,
        targetProducts: target,
        points: days.map((day) => {
          cumulativeGmv += gmv.filter((g) => g.day === day).reduce((a, g) => a + g.gmvVnd, 0);
          return {
            day,
            streamed: firsts.filter((f) => f.streamedOn !== null && f.streamedOn <= day).length,
            sold: firsts.filter((f) => f.soldOn !== null && f.soldOn <= day).length,
            gmvVnd: cumulativeGmv,
            targetProducts: targetLine(period, target, day),
          };
        }),
      };
    });
    return { campaignId, branchId: scope.branchId, by, from: scope.from, to: scope.to, series };
  }

  async volunteers(userId: string, campaignId: string, query: ScopeQuery = {}): Promise<VolunteerView[]> {
    const { scope } = await this.scope(userId, campaignId, query);
    return this.coverage.volunteers(scope, this.clock.now());
  }

  /** The Union's report for a period (within the campaign's) and a branch of the caller's part of it. */
  async report(userId: string, campaignId: string, query: ScopeQuery = {}): Promise<CampaignReportView> {
    const { access, scope } = await this.scope(userId, campaignId, query);
    const now = this.clock.now();
    const shown = await this.coverage.shownBranches(scope.branchId);
    const [facts, branches, streamers] = await Promise.all([
      this.coverage.factGroups(scope),
      this.coverage.branchCoverage(scope, shown, now),
      this.coverage.volunteers(scope, now),
    ]);
    const self = branches.find((b) => b.branchId === scope.branchId);
    if (!self) throw new CampaignError('CAMPAIGN_NOT_FOUND', 'No such campaign', { campaignId });
    const totals = zero();
    for (const g of facts.groups) add(totals, g);
    return {
      campaignId,
      campaignName: access.campaign.name,
      branchId: scope.branchId,
      branchName: self.name,
      from: scope.from,
      to: scope.to,
      targetProducts: totals.products,
      sessionsHeld: self.sessionsHeld,
      productsStreamed: self.streamedProducts,
      productsSold: self.soldProducts,
      unitsSold: self.units,
      placedGmvVnd: self.gmvVnd,
      settledGmvVnd: self.settledGmvVnd,
      volunteers: self.volunteers,
      hoursOnAir: self.hoursOnAir,
      farmersReached: self.farmersReached,
      byBranch: branches.map((b) => branchView(b, scope.branchId)),
      streamers,
      generatedAt: now.toISOString(),
    };
  }

  /** A farmer's products in campaigns they can see: which campaign, the state, and the sessions scheduled. */
  async forFarmer(userId: string): Promise<import('./views').FarmerCampaignProductView[]> {
    const campaigns = (await this.campaigns.dataSource.query(
      `SELECT DISTINCT c.id, c.name, b.name AS branch_name, c.branch_id, c.starts_on::text AS starts_on,
              c.ends_on::text AS ends_on, c.at_risk_days
         FROM campaign_products cp JOIN producers pr ON pr.id = cp.producer_id
         JOIN campaigns c ON c.id = cp.campaign_id JOIN branches b ON b.id = c.branch_id
        WHERE pr.owner_user_id = $1 ORDER BY 5 DESC, 2`,
      [userId],
    )) as Record<string, string>[];
    const out: import('./views').FarmerCampaignProductView[] = [];
    for (const c of campaigns) {
      const scope: CoverageScope = {
        campaignId: c['id']!,
        branchId: c['branch_id']!,
        from: c['starts_on']!,
        to: c['ends_on']!,
        whole: true,
      };
      const facts = await this.coverage.productFacts(scope, { producerOwnerId: userId });
      const upcoming = (await this.campaigns.dataSource.query(
        `SELECT lp.product_id, ls.id, ls.title, ls.scheduled_start_at, u.display_name
           FROM live_session_products lp JOIN live_sessions ls ON ls.id = lp.session_id JOIN users u ON u.id = ls.host_user_id
          WHERE lp.product_id = ANY($1::uuid[]) AND ls.status = 'scheduled' AND ls.branch_path @> ARRAY[$2::uuid]
            AND (ls.scheduled_start_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date BETWEEN $3::date AND $4::date
          ORDER BY ls.scheduled_start_at`,
        [facts.map((f) => f.productId), scope.branchId, scope.from, scope.to],
      )) as Record<string, unknown>[];
      for (const f of facts) {
        out.push({
          campaignId: scope.campaignId,
          campaignName: c['name']!,
          branchName: c['branch_name']!,
          startsOn: scope.from,
          endsOn: scope.to,
          productId: f.productId,
          productName: f.name,
          state: this.productView(f, false).state,
          assignedBranchName: f.assignedBranchName,
          upcoming: upcoming
            .filter((u) => u['product_id'] === f.productId)
            .map((u) => ({
              sessionId: u['id'] as string,
              title: u['title'] as string,
              scheduledStartAt: (u['scheduled_start_at'] as Date).toISOString(),
              hostName: u['display_name'] as string,
            })),
          units: f.units,
          gmvVnd: f.gmvVnd,
        });
      }
    }
    return out;
  }

  /**
   * The campaign's whole period from the roll-up (kept in step with every session and sale by the worker): read
   * together with the check that it was built for this period; null when it was not (then the live statements).
   */
  private async rolledUp(
    scope: CoverageScope,
    now: Date,
  ): Promise<readonly [{ groups: FactsGroup[]; farmersReached: number }, BranchCoverageRow[]] | null> {
    const [built, groups, rows] = await Promise.all([
      this.coverage.rolledUpFor(scope.campaignId, scope.from, scope.to),
      this.coverage.factGroupsRolledUp(scope),
      this.coverage.branchCoverageRolledUp(scope, now),
    ]);
    if (!built) return null;
    // The distinct farmers with a sale in the scope: its own coverage row counts them.
    const farmersReached = rows.find((r) => r.branchId === scope.branchId)?.farmersReached ?? 0;
    return [{ groups, farmersReached }, rows] as const;
  }

  /** Coverage from sessions and sales directly (any period; what the roll-up must equal). */
  private async live(
    scope: CoverageScope,
    now: Date,
  ): Promise<readonly [{ groups: FactsGroup[]; farmersReached: number }, BranchCoverageRow[]]> {
    const shown = await this.coverage.shownBranches(scope.branchId);
    return Promise.all([this.coverage.factGroups(scope), this.coverage.branchCoverage(scope, shown, now)]);
  }

  /** The scope an admin asked for: a branch of their part of the campaign (else 404), and a period inside the campaign's. */
  async scope(
    userId: string,
    campaignId: string,
    query: ScopeQuery,
  ): Promise<{ access: CampaignAccess & { adminScope: string }; scope: CoverageScope }> {
    const access = await this.access.admin(campaignId, userId);
    const c = access.campaign;
    let branchId = access.adminScope;
    if (query.branchId !== undefined && query.branchId !== branchId) {
      const path = isUuid(query.branchId) ? await this.campaigns.branchPath(query.branchId) : [];
      if (!path.includes(access.adminScope)) {
        throw new CampaignError('CAMPAIGN_NOT_FOUND', 'No such branch in your part of the campaign', {
          campaignId,
          branchId: query.branchId,
        });
      }
      branchId = query.branchId;
    }
    const from = query.from ?? c.startsOn;
    const to = query.to ?? c.endsOn;
    if (from > to) {
      throw new CampaignError('CAMPAIGN_PERIOD_REVERSED', 'The period must not end before it starts', {
        from,
        to,
      });
    }
    return {
      access,
      scope: {
        campaignId,
        branchId,
        from: from < c.startsOn ? c.startsOn : from,
        to: to > c.endsOn ? c.endsOn : to,
        whole: branchId === c.branchId,
      },
    };
  }

  private productView(r: ProductFactsRow, inWindow: boolean): CampaignProductView {
    const state = productState({
      assigned: r.assigned,
      scheduled: r.scheduled,
      streamed: r.streamed,
      soldUnits: r.units,
    });
    return {
      productId: r.productId,
      name: r.name,
      producerId: r.producerId,
      producerName: r.producerName,
      group: r.group,
      province: r.province,
      stars: r.stars,
      state,
      atRisk: inWindow && isAtRiskState(state),
      assignedBranchId: r.assignedBranchId,
      assignedBranchName: r.assignedBranchName,
      streamerUserId: r.streamerUserId,
      streamerName: r.streamerName,
      units: r.units,
      gmvVnd: r.gmvVnd,
      settledGmvVnd: r.settledGmvVnd,
      nextSessionAt: r.nextSessionAt?.toISOString() ?? null,
    };
  }
}

export { PRODUCT_STATES };
