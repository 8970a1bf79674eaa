import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { RoomThrottle, TOTALS_CHANGED, TotalsChanged } from '@ocop/attribution';
import { RealtimeEmitter } from '@ocop/realtime';
import { campaignRooms } from '../campaigns.events';
import { CampaignSalesRepository } from '../infrastructure/campaign-sales.repository';
import { CoverageRollupRepository } from '../infrastructure/coverage-rollup.repository';

/** At most one `campaign:changed` per campaign room per second from one process, and always one after the last change. */
export const CAMPAIGN_THROTTLE_MS = 1_000;

const ROOM = /^campaign:(.+)$/;

/**
 * Keeps campaign_sales in step with attribution's ledger, and the dashboards' roll-up with sessions and sales, and
 * tells open campaign dashboards that their figures moved. Hears TOTALS_CHANGED (in the worker, after the attribution
 * writer commits): refreshes the sessions named, then marks the campaigns whose products those sessions sell. Sessions scheduled, edited, started, ended or cancelled
 * (live.session-changed, through the outbox) mark theirs too. Assignments and adoptions (in the api) mark their campaign
 * directly. The dashboards refetch over HTTP, where access is checked; the socket event carries no figures.
 */
@Injectable()
export class CampaignPublisher implements OnApplicationShutdown {
  private readonly log = new Logger(CampaignPublisher.name);
  private readonly throttle = new RoomThrottle(CAMPAIGN_THROTTLE_MS, (room) => this.publish(room));

  constructor(
    private readonly sales: CampaignSalesRepository,
    private readonly rollup: CoverageRollupRepository,
    private readonly emitter: RealtimeEmitter,
  ) {}

  @OnEvent(TOTALS_CHANGED, { async: true, promisify: true })
  async onTotalsChanged(event: TotalsChanged): Promise<void> {
    try {
      await this.sales.refreshSessions(event.sessionIds);
      for (const id of await this.rollup.refreshSessions(event.sessionIds)) this.changed(id);
    } catch (error) {
      this.log.warn({ err: error, sessionIds: event.sessionIds }, 'Could not refresh campaign sales');
    }
  }

  /** Sessions changed (scheduled, edited, live, ended, cancelled): the campaigns whose products they hold are marked. */
  async sessionsChanged(sessionIds: string[]): Promise<void> {
    for (const id of await this.rollup.refreshSessions(sessionIds)) this.changed(id);
  }

  changed(campaignId: string): void {
    this.throttle.changed(campaignRooms.campaign(campaignId));
  }

  onApplicationShutdown(): void {
    this.throttle.stop();
  }

  private publish(room: string): Promise<void> {
    const match = ROOM.exec(room);
    if (match)
      this.emitter.emit(room, 'campaign:changed', { campaignId: match[1]!, at: new Date().toISOString() });
    return Promise.resolve();
  }
}
