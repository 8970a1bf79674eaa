import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK, vnToday } from '@ocop/kernel';
import { InboxService } from '@ocop/live';
import { DataSource } from 'typeorm';
import { isAtRiskState, isAtRiskWindow, productState } from '../domain';
import { returned } from '../infrastructure/campaigns.repository';
import { CoverageRepository } from '../infrastructure/coverage.repository';

type Row = Record<string, unknown>;

/**
 * Products at risk: N days before a campaign's period ends, the target products not scheduled, streamed or sold are
 * flagged, each once (campaign_products.at_risk_notified_at), and the admins of the branch holding them (the
 * running branch's for products nobody holds; the nearest branch up the tree that has admins) get one notice in their
 * inbox per campaign and branch (the inbox's dedupe key). The day comes from the Clock, so a scan re-run, or run
 * early, tells nobody twice and nobody too soon.
 */
@Injectable()
export class AtRiskService {
  constructor(
    private readonly coverage: CoverageRepository,
    private readonly inbox: InboxService,
    private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async scan(): Promise<{ flagged: number; notified: number }> {
    const now = this.clock.now();
    const today = vnToday(now);
    const db = this.db;
    const campaigns = (await db.query(
      `SELECT id, name, branch_id, starts_on::text AS starts_on, ends_on::text AS ends_on, at_risk_days
         FROM campaigns WHERE ends_on >= $1::date AND ends_on - at_risk_days <= $1::date`,
      [today],
    )) as Row[];
    let flagged = 0;
    let notified = 0;
    for (const c of campaigns) {
      const campaign = { endsOn: c['ends_on'] as string, atRiskDays: Number(c['at_risk_days']) };
      if (!isAtRiskWindow(today, campaign)) continue;
      const facts = await this.coverage.productFacts({
        campaignId: c['id'] as string,
        branchId: c['branch_id'] as string,
        from: c['starts_on'] as string,
        to: c['ends_on'] as string,
        whole: true,
      });
      const atRisk = facts.filter((f) =>
        isAtRiskState(
          productState({
            assigned: f.assigned,
            scheduled: f.scheduled,
            streamed: f.streamed,
            soldUnits: f.units,
          }),
        ),
      );
      if (atRisk.length === 0) continue;
      // Flag each product once; only those flagged now are told about.
      const marked = returned(
        await db.query(
          `UPDATE campaign_products SET at_risk_notified_at = $3
          WHERE campaign_id = $1 AND product_id = ANY($2::uuid[]) AND at_risk_notified_at IS NULL
          RETURNING product_id, COALESCE(branch_id, $4::uuid) AS branch_id`,
          [c['id'], atRisk.map((f) => f.productId), now, c['branch_id']],
        ),
      ) as Row[];
      flagged += marked.length;
      const perBranch = new Map<string, number>();
      for (const m of marked)
        perBranch.set(m['branch_id'] as string, (perBranch.get(m['branch_id'] as string) ?? 0) + 1);
      for (const [branchId, count] of perBranch) {
        const admins = (await db.query(
          `SELECT aa.user_id FROM branches b
             CROSS JOIN LATERAL unnest(b.path) WITH ORDINALITY AS p(id, depth)
             JOIN admin_assignments aa ON aa.branch_id = p.id AND aa.valid_to IS NULL
            WHERE b.id = $1
              AND p.depth = (SELECT max(p2.depth) FROM unnest(b.path) WITH ORDINALITY AS p2(id, depth)
                              WHERE EXISTS (SELECT 1 FROM admin_assignments a2 WHERE a2.branch_id = p2.id AND a2.valid_to IS NULL))`,
          [branchId],
        )) as Row[];
        const result = await this.inbox.notifyOnce(
          admins.map((a) => ({
            userId: a['user_id'] as string,
            kind: 'campaign_at_risk' as const,
            dedupeKey: `campaign-at-risk:${c['id'] as string}:${branchId}`,
            title: `Chiến dịch "${c['name'] as string}": ${count} sản phẩm chưa có lịch live`,
            body: `Còn ${campaign.atRiskDays} ngày đến khi chiến dịch kết thúc (${campaign.endsOn}). Hãy phân công và xếp lịch live cho các sản phẩm này.`,
          })),
        );
        notified += result.notified;
      }
    }
    return { flagged, notified };
  }
}
