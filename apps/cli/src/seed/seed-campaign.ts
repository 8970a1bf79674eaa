import { INestApplicationContext } from '@nestjs/common';
import { CampaignSalesRepository, CampaignsService, CoverageRollupRepository } from '@ocop/campaigns';
import { addDays, CLOCK, Clock, vnToday } from '@ocop/kernel';

/** The city's pledge, as the demo shows it. */
export const CITY_CAMPAIGN_NAME = '579 sản phẩm OCOP';

/**
 * The city's "579 sản phẩm OCOP" campaign over every active product of the city's producers, created by the city
 * admin through the campaigns service (the same rules as POST /api/campaigns). Idempotent: a second run finds the
 * campaign by name, keeps its period and assignments, and only adds products listed since. Then campaign_sales is
 * rebuilt from attribution's ledger (a refresh per session is a recomputation, so running it again changes nothing),
 * and the dashboards' roll-up from both.
 */
export async function seedCityCampaign(
  app: INestApplicationContext,
  cityAdminId: string,
): Promise<{ id: string; products: number }> {
  const today = vnToday(app.get<Clock>(CLOCK).now());
  const campaign = await app.get(CampaignsService).ensure(cityAdminId, {
    name: CITY_CAMPAIGN_NAME,
    startsOn: addDays(today, -56),
    endsOn: addDays(today, 34),
    atRiskDays: 14,
    filters: {},
  });
  const sales = app.get(CampaignSalesRepository);
  let after: string | null = null;
  for (;;) {
    const page = await sales.sessionsWithSales(after, 200);
    if (page.length === 0) break;
    await sales.refreshSessions(page);
    after = page[page.length - 1] ?? null;
  }
  await app.get(CoverageRollupRepository).rebuildInOwnTransaction(campaign.id);
  return { id: campaign.id, products: campaign.products };
}
